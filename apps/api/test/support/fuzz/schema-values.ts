import fc from 'fast-check';
import { day } from '../test-app.js';
import { isDateSchema, isNumberSchema, type Schema } from './openapi.js';

/** A value only the running world knows (an id, a refresh token), filled in just before the request is sent. */
export class FixtureRef {
  constructor(
    readonly name: 'target' | 'service' | 'user' | 'refreshToken',
    readonly variant = 0,
  ) {}
}

/** A JSON number token that JavaScript cannot hold as written (`1e309`, `9999999999999999999`): sent verbatim. */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * Valid values the schema alone cannot produce (an existing service id, the login account's e-mail),
 * by `SchemaName.field` or by field name; mixed with the schema's own values.
 */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** A value with a label saying what is odd about it. */
export interface LabelledValue {
  value: unknown;
  why: string;
}

/** Values that are valid for `schema` (`field` of `scope` picks a hint). */
export function validValue(schema: Schema, hints: Hints = {}, scope?: string, field?: string): fc.Arbitrary<unknown> {
  const hint = field === undefined ? undefined : (hints[`${scope}.${field}`] ?? hints[field]);
  const derived = fromSchema(schema, hints);
  return hint ? fc.oneof({ arbitrary: hint, weight: 4 }, { arbitrary: derived, weight: 1 }) : derived;
}

function fromSchema(schema: Schema, hints: Hints): fc.Arbitrary<unknown> {
  const value = nonNull(schema, hints);
  return schema.nullable ? fc.oneof({ arbitrary: value, weight: 6 }, { arbitrary: fc.constant(null), weight: 1 }) : value;
}

function nonNull(schema: Schema, hints: Hints): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum.filter((member: unknown) => member !== null));
  if (schema.allOf) return fromSchema(mergeAll(schema.allOf), hints);
  const alternatives: Schema[] | undefined = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => fromSchema(alternative, hints)));
  switch (typeOf(schema)) {
    case 'string':
      return validString(schema);
    case 'integer':
    case 'number':
      return validNumber(schema);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return validArray(schema, hints);
    case 'object':
      return validObject(schema, hints);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** An object with every required property and any subset of the optional ones (`scope` names its schema for hints). */
export function validObject(schema: Schema, hints: Hints = {}, scope?: string): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, Schema> = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, validValue(property, hints, scope, name)]));
  const requiredKeys = ((schema.required ?? []) as string[]).filter((name) => name in properties);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Calendar dates from 40 days ago to 400 days ahead: today, the past, the bookable year and beyond. */
const dates = fc.integer({ min: -40, max: 400 }).map((offset) => day(offset));

const emails = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.stringMatching(/^[a-z][a-z0-9]{0,15}(?:[.+-][a-z0-9]{1,8})?$/),
        fc.constantFrom('example.com', 'example.org', 'mail.example.net'),
      )
      .map(([local, domain]) => `${local}@${domain}`),
  },
  { weight: 1, arbitrary: fc.emailAddress() },
);

const uris = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom('http', 'https'), fc.constantFrom('example.com', 'img.example.org'), fc.stringMatching(/^[a-z0-9/-]{0,30}$/))
      .map(([scheme, host, path]) => `${scheme}://${host}/${path}`),
  },
  { weight: 1, arbitrary: fc.webUrl() },
);

/** Strings that are valid but awkward: emoji, right-to-left, zero-width, NUL, combining marks, injections. */
export const AWKWARD_STRINGS = [
  '😀🎭🎟️',
  '\u202Egnp.exe',
  'שלום עולם',
  'a\u200Bb\u200Dc\uFEFF',
  'nul\u0000byte',
  'e\u0301\u0301\u0301',
  'Ω≈ç√∫˜µ≤',
  'ｆｕｌｌｗｉｄｔｈ',
  "' OR '1'='1' --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%2e%2e',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '  padded  ',
  '\t\r\n',
];

function validString(schema: Schema): fc.Arbitrary<string> {
  const minLength: number = schema.minLength ?? 0;
  const maxLength: number = Math.max(minLength, Math.min(schema.maxLength ?? 60, 60));
  const fits = (value: string) => [...value].length >= minLength && [...value].length <= (schema.maxLength ?? Infinity);
  if (isDateSchema(schema)) return dates;
  if (schema.format === 'email') return emails.filter(fits);
  if (schema.format === 'uri' || schema.format === 'url') return uris.filter(fits);
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
      .map((date) => date.toISOString());
  }
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength, maxLength }) },
    { weight: 1, arbitrary: fc.constantFrom(...AWKWARD_STRINGS.filter(fits), 'x'.repeat(Math.max(minLength, 1))).filter(fits) },
  );
}

/** Integers only: every number of this API is a count, an amount in cents or an id. */
function validNumber(schema: Schema): fc.Arbitrary<number> {
  const min = Math.ceil(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0));
  const max = Math.floor(schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 10_000));
  return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
}

function validArray(schema: Schema, hints: Hints): fc.Arbitrary<unknown[]> {
  const items = validValue(schema.items ?? {}, hints);
  const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 8, 8) };
  return schema.uniqueItems
    ? fc.uniqueArray(items, { ...constraints, selector: (item) => JSON.stringify(item) })
    : fc.array(items, constraints);
}

function mergeAll(schemas: Schema[]): Schema {
  return schemas.reduce<Schema>(
    (merged, schema) => ({
      ...merged,
      ...schema,
      properties: { ...merged.properties, ...schema.properties },
      required: [...(merged.required ?? []), ...(schema.required ?? [])],
    }),
    {},
  );
}

export function typeOf(schema: Schema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

/** One JSON value of each type, for "a value of the wrong type". */
const WRONG_TYPES: LabelledValue[] = [
  { value: 42, why: 'a number' },
  { value: 1.5, why: 'a fractional number' },
  { value: true, why: 'a boolean' },
  { value: 'text', why: 'a string' },
  { value: '12', why: 'a numeric string' },
  { value: 'NaN', why: 'the string NaN' },
  { value: [], why: 'an empty array' },
  { value: ['x', 1], why: 'an array' },
  { value: {}, why: 'an empty object' },
  { value: { nested: { deeper: [1, { x: null }] } }, why: 'a nested object' },
  { value: JSON.parse('{"__proto__":{"polluted":true}}'), why: 'an object with a __proto__ key' },
];

function matchesType(value: unknown, schema: Schema): boolean {
  switch (typeOf(schema)) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

export const MALFORMED_DATES = [
  '2026-02-30',
  '2026-13-01',
  '20260101',
  '2026-1-1',
  '2027-02-29',
  '0000-00-00',
  '2026-01-01T00:00:00Z',
  'yesterday',
];
const BAD_EMAILS = ['plainaddress', 'a@', '@example.com', 'two words@example.com', 'a@@example.com'];
const BAD_URIS = ['not a url', '://no-scheme', 'http//missing-colon'];

/** Values the spec certainly refuses for `schema`: the API must answer them with a 4xx. */
export function refusedValues(schema: Schema): LabelledValue[] {
  if (!typeOf(schema) || schema.allOf || schema.oneOf || schema.anyOf) return [];
  const refused = WRONG_TYPES.filter(({ value }) => !matchesType(value, schema));
  if (!schema.nullable) refused.push({ value: null, why: 'null' });
  if (typeOf(schema) === 'string') refused.push(...refusedStrings(schema));
  if (isNumberSchema(schema)) refused.push(...refusedNumbers(schema));
  if (typeOf(schema) === 'array') refused.push(...refusedArrays(schema));
  return refused;
}

/** Strings the spec refuses for a string `schema` (length, enum, pattern, format). */
export function refusedStrings(schema: Schema): LabelledValue[] {
  const refused: LabelledValue[] = [];
  if (schema.maxLength !== undefined) {
    refused.push({ value: 'x'.repeat(schema.maxLength + 1), why: `${schema.maxLength + 1} characters (maxLength ${schema.maxLength})` });
    refused.push({ value: '😀'.repeat(schema.maxLength + 1), why: `${schema.maxLength + 1} emoji (maxLength ${schema.maxLength})` });
  }
  if (schema.minLength > 0) refused.push({ value: '', why: `an empty string (minLength ${schema.minLength})` });
  const allowed = (value: string) =>
    [...value].length >= (schema.minLength ?? 0) && [...value].length <= (schema.maxLength ?? Infinity) && !schema.enum?.includes(value);
  if (Array.isArray(schema.enum)) {
    const first = String(schema.enum[0]);
    for (const value of ['', 'NOT_A_MEMBER', first.toUpperCase(), ` ${first}`, `${first}\u0000`]) {
      if (!schema.enum.includes(value)) refused.push({ value, why: `${JSON.stringify(value)}, not in the enum` });
    }
  }
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern);
    for (const value of ['', '!', 'UPPER', 'has space', 'a_b', 'x'.repeat(300), 'é😀']) {
      if (!pattern.test(value) && allowed(value)) refused.push({ value, why: `${JSON.stringify(value.slice(0, 20))}, off the pattern` });
    }
  }
  if (isDateSchema(schema)) refused.push(...MALFORMED_DATES.map((value) => ({ value, why: `the malformed date ${value}` })));
  if (schema.format === 'email') refused.push(...BAD_EMAILS.filter(allowed).map((value) => ({ value, why: `the bad e-mail ${value}` })));
  if (schema.format === 'uri' || schema.format === 'url') {
    refused.push(...BAD_URIS.filter(allowed).map((value) => ({ value, why: `the bad URI ${value}` })));
  }
  return refused;
}

function refusedNumbers(schema: Schema): LabelledValue[] {
  const refused: LabelledValue[] = [];
  if (schema.minimum !== undefined) {
    refused.push({ value: schema.minimum - 1, why: `${schema.minimum - 1} (minimum ${schema.minimum})` });
    refused.push({ value: new RawJson('-1e309'), why: '-1e309 (minimum)' });
    if (schema.minimum >= 0) refused.push({ value: -1, why: 'negative' });
  }
  if (schema.maximum !== undefined) {
    refused.push({ value: schema.maximum + 1, why: `${schema.maximum + 1} (maximum ${schema.maximum})` });
    refused.push({ value: new RawJson('1e309'), why: '1e309 (maximum)' });
    refused.push({ value: new RawJson('9999999999999999999'), why: '9999999999999999999 (maximum)' });
  }
  return refused;
}

function refusedArrays(schema: Schema): LabelledValue[] {
  const refused: LabelledValue[] = [];
  const items: Schema = schema.items ?? {};
  if (Array.isArray(items.enum)) {
    refused.push({ value: ['not:a-member'], why: 'an item outside the enum' });
    if (schema.uniqueItems) refused.push({ value: [items.enum[0], items.enum[0]], why: 'a repeated item (uniqueItems)' });
  } else if (typeOf(items)) {
    refused.push(
      ...refusedValues(items)
        .slice(0, 3)
        .map(({ value, why }) => ({ value: [value], why: `an item that is ${why}` })),
    );
  }
  if (schema.maxItems !== undefined) {
    refused.push({ value: Array.from({ length: schema.maxItems + 1 }, () => items.enum?.[0] ?? 'x'), why: 'too many items' });
  }
  return refused;
}

/** Valid-looking but awkward values: the API may accept or refuse them, but must not break. */
export function awkwardValues(schema: Schema): LabelledValue[] {
  switch (typeOf(schema)) {
    case 'string':
      return [...AWKWARD_STRINGS, '', ' ', 'x'.repeat(10_000)].map((value) => ({
        value,
        why: `the string ${JSON.stringify(value.slice(0, 24))}`,
      }));
    case 'integer':
    case 'number':
      return [
        0,
        -0,
        -1,
        1.5,
        1e-7,
        2 ** 31,
        -(2 ** 31),
        2 ** 53,
        new RawJson('1e309'),
        new RawJson('9999999999999999999'),
        new RawJson('1E2'),
      ].map((value) => ({ value, why: `the number ${value instanceof RawJson ? value.text : String(value)}` }));
    default:
      return [];
  }
}
