import fc from 'fast-check';
import { isNumberSchema, type Operation, type Parameter, type Schema } from './openapi.js';
import {
  awkwardValues,
  FixtureRef,
  RawJson,
  refusedStrings,
  refusedValues,
  typeOf,
  validObject,
  validValue,
  type Hints,
  type LabelledValue,
} from './schema-values.js';

/** What the answer must be: any non-5xx, some 4xx (`reject`), or exactly one status. */
export type Expectation = 'any' | 'reject' | number;

export type Payload =
  | { kind: 'none' }
  /**
   * Serialised when sent, once its fixtures are filled in (`toJsonText` keeps `__proto__` keys and raw
   * number tokens; `duplicate` repeats a key first). Labelled application/json unless `contentType`
   * says otherwise; `null` sends no content type (fetch then says text/plain).
   */
  | { kind: 'json'; value: unknown; contentType?: string | null; duplicate?: string }
  /** Sent as is. */
  | { kind: 'raw'; text: string; contentType: string }
  /** A multipart/form-data body: a Buffer is sent as a file part, anything else as text. */
  | { kind: 'form'; fields: Record<string, unknown> };

/** One generated request for one operation. */
export interface FuzzCase {
  /** `valid`, or what the mutation did, e.g. `body.priceCents: a string`. */
  label: string;
  expect: Expectation;
  /** For operations open to the owner or to a privileged user: which one calls. */
  caller: 'owner' | 'privileged';
  /** Path parameters: URL-ready text, or the world's target. */
  path: Record<string, string | FixtureRef>;
  /** In order; a name may repeat. Values are stringified when sent. */
  query: [string, unknown][];
  headers: Record<string, string>;
  payload: Payload;
}

interface Mutation {
  label: string;
  expect: Expectation;
  apply(fuzzCase: FuzzCase): FuzzCase;
}

/** A request body just over the 100 kB limit. */
const OVER_BODY_LIMIT = 100 * 1024 + 1;

/** Path ids that are not positive integers: each a 400 `validation` (DESIGN §4). */
export const MALFORMED_IDS = [
  '0',
  '-1',
  '1.5',
  'abc',
  '9999999999999999999',
  '2147483648',
  '%00',
  '1%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '1e3',
  '0x10',
  '007',
  '+1',
  '%201',
  '%F0%9F%98%80',
  '%D9%A1',
  'null',
  '%5B%5D',
  'x'.repeat(300),
  '9'.repeat(5_000),
];
/** A well-formed id that names nothing. */
export const UNKNOWN_ID = '2147483647';

const isSafe = (method: string) => method === 'GET' || method === 'HEAD';
const isIdParameter = (parameter: Parameter) => isNumberSchema(parameter.schema) || /(^id$|Id$)/.test(parameter.name);
const jsonValues = fc.jsonValue({ maxDepth: 2 }).filter((value) => JSON.stringify(value).length < 2_000);
const unknownNames = (taken: string[]) => fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,15}$/).filter((name) => !taken.includes(name));

/** Requests for `op`: one in four valid, the others mutated in one way. */
export function fuzzCases(op: Operation, hints: Hints): fc.Arbitrary<FuzzCase> {
  const valid = validCase(op, hints);
  const mutations = mutationsOf(op, hints);
  if (mutations.length === 0) return valid;
  return fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 3, arbitrary: fc.tuple(valid, fc.oneof(...mutations)).map(([fuzzCase, mutation]) => mutated(fuzzCase, mutation)) },
  );
}

function mutated(fuzzCase: FuzzCase, mutation: Mutation): FuzzCase {
  return { ...mutation.apply(fuzzCase), label: mutation.label, expect: mutation.expect };
}

function validCase(op: Operation, hints: Hints): fc.Arbitrary<FuzzCase> {
  const inPath = op.parameters.filter((parameter) => parameter.in === 'path');
  const inQuery = op.parameters.filter((parameter) => parameter.in === 'query');
  const inHeaders = op.parameters.filter((parameter) => parameter.in === 'header');
  return fc.record({
    label: fc.constant('valid'),
    expect: fc.constant<Expectation>('any'),
    caller: fc.constantFrom<FuzzCase['caller']>('owner', 'privileged'),
    path: fc.record(Object.fromEntries(inPath.map((parameter) => [parameter.name, validPathValue(parameter, hints)]))),
    query: fc
      .tuple(...inQuery.map((parameter) => optional(parameter, validValue(parameter.schema, hints, 'query', parameter.name))))
      .map((entries) => entries.flat()),
    headers: fc
      .tuple(...inHeaders.map((parameter) => optional(parameter, headerValue(parameter.schema, hints[parameter.name]))))
      .map((entries) => Object.fromEntries(entries.flat().map(([name, value]) => [name, String(value)]))),
    payload: op.body ? validPayload(op, hints) : fc.constant<Payload>({ kind: 'none' }),
  });
}

function optional(parameter: Parameter, value: fc.Arbitrary<unknown>): fc.Arbitrary<[string, unknown][]> {
  const entry = value.map((given): [string, unknown][] => [[parameter.name, given]]);
  return parameter.required ? entry : fc.oneof(fc.constant<[string, unknown][]>([]), entry);
}

function validPathValue(parameter: Parameter, hints: Hints): fc.Arbitrary<string | FixtureRef> {
  if (isIdParameter(parameter)) return fc.constant(new FixtureRef('target'));
  return validValue(parameter.schema, hints, 'path', parameter.name).map((value) => encodeURIComponent(String(value)));
}

/** Header values fetch can send: visible ASCII, within the schema's length and pattern (or the hint's). */
function headerValue(schema: Schema, hint?: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  if (hint) return fc.oneof({ arbitrary: hint, weight: 2 }, { arbitrary: headerValue(schema), weight: 1 });
  const visible = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));
  const minLength = Math.max(1, schema.minLength ?? 1);
  const values = fc.string({ unit: visible, minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 80, 80)) });
  return typeof schema.pattern === 'string' ? values.filter((value) => new RegExp(schema.pattern).test(value)) : values;
}

/** A 1 × 1 PNG: the smallest picture a multipart route takes. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** A file just over the 5 MB that multipart routes take. */
const OVER_FILE_LIMIT = 5 * 1024 * 1024 + 1;

const isForm = (op: Operation) => op.body?.contentType === 'multipart/form-data';
const isFile = (schema: Schema | undefined) => schema?.type === 'string' && schema.format === 'binary';

function validPayload(op: Operation, hints: Hints): fc.Arbitrary<Payload> {
  const body = op.body!;
  if (isForm(op)) {
    const properties: Record<string, Schema> = body.schema.properties ?? {};
    return validObject(body.schema, hints, body.schemaName).map((given) => {
      const fields: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(given as Record<string, unknown>))
        fields[name] = isFile(properties[name]) ? TINY_PNG : value;
      return { kind: 'form', fields } as Payload;
    });
  }
  const value = typeOf(body.schema) === 'object' ? validObject(body.schema, hints, body.schemaName) : validValue(body.schema, hints);
  const json = value.map((given): Payload => ({ kind: 'json', value: given, contentType: body.contentType }));
  return body.required ? json : fc.oneof(json, fc.constant<Payload>({ kind: 'none' }));
}

function mutationsOf(op: Operation, hints: Hints): fc.Arbitrary<Mutation>[] {
  return [...pathMutations(op), ...queryMutations(op, hints), ...headerMutations(op), ...bodyMutations(op)];
}

function pathMutations(op: Operation): fc.Arbitrary<Mutation>[] {
  const ids = op.parameters.filter((parameter) => parameter.in === 'path' && isIdParameter(parameter));
  if (ids.length === 0) return [];
  const withId = (name: string, id: string) => (fuzzCase: FuzzCase) => ({ ...fuzzCase, path: { ...fuzzCase.path, [name]: id } });
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc
      .tuple(fc.constantFrom(...ids), fc.constantFrom(...MALFORMED_IDS))
      .map(([{ name }, id]) => ({ label: `path ${name} = ${id.slice(0, 24)}`, expect: 400, apply: withId(name, id) })),
    fc.constantFrom(...ids).map(({ name }) => ({ label: `path ${name}: unknown`, expect: 'reject', apply: withId(name, UNKNOWN_ID) })),
  ];
  // Existing-looking ids only where reading cannot harm the fixtures the other cases rely on.
  if (isSafe(op.method)) {
    mutations.push(
      fc
        .tuple(fc.constantFrom(...ids), fc.integer({ min: 1, max: 40 }))
        .map(([{ name }, id]) => ({ label: `path ${name}: a small id`, expect: 'any', apply: withId(name, String(id)) })),
    );
  }
  return mutations;
}

function queryMutations(op: Operation, hints: Hints): fc.Arbitrary<Mutation>[] {
  const inQuery = op.parameters.filter((parameter) => parameter.in === 'query');
  const names = inQuery.map((parameter) => parameter.name);
  const add = (name: string, value: unknown) => (fuzzCase: FuzzCase) => ({
    ...fuzzCase,
    query: [...fuzzCase.query, [name, value]] as [string, unknown][],
  });
  const replace = (name: string, value: unknown) => (fuzzCase: FuzzCase) => ({
    ...fuzzCase,
    query: [...fuzzCase.query.filter(([given]) => given !== name), [name, value]] as [string, unknown][],
  });
  // Without any declared query parameter there is no DTO to refuse unknown ones: they are ignored.
  const unknownExpectation: Expectation = inQuery.length > 0 ? 400 : 'any';
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc
      .tuple(
        fc.oneof(unknownNames(names), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'page[]', 'a[b]')),
        fc.string(),
      )
      .map(([name, value]) => ({ label: `query: unknown ${name}`, expect: unknownExpectation, apply: add(name, value) })),
  ];
  if (inQuery.length === 0) return mutations;
  const refused = inQuery.flatMap((parameter) => refusedQueryValues(parameter.schema).map((bad) => ({ parameter, ...bad })));
  const awkward = inQuery.flatMap((parameter) => awkwardQueryValues(parameter.schema).map((odd) => ({ parameter, ...odd })));
  mutations.push(
    fc
      .constantFrom(...inQuery)
      .chain((parameter) =>
        fc.tuple(
          fc.constant(parameter),
          validValue(parameter.schema, hints, 'query', parameter.name),
          validValue(parameter.schema, hints, 'query', parameter.name),
        ),
      )
      .map(([parameter, first, second]) => ({
        label: `query: ${parameter.name} given twice`,
        expect: 400,
        apply: (fuzzCase: FuzzCase) => add(parameter.name, second)(replace(parameter.name, first)(fuzzCase)),
      })),
  );
  if (refused.length > 0) {
    mutations.push(
      fc.constantFrom(...refused).map(({ parameter, value, why }) => ({
        label: `query ${parameter.name}: ${why}`,
        expect: 'reject',
        apply: replace(parameter.name, value),
      })),
    );
  }
  if (awkward.length > 0) {
    mutations.push(
      fc.constantFrom(...awkward).map(({ parameter, value, why }) => ({
        label: `query ${parameter.name}: ${why}`,
        expect: 'any',
        apply: replace(parameter.name, value),
      })),
    );
  }
  return mutations;
}

/** Query text the spec refuses: not a number for a number, out of range, off the enum, too long, a malformed date. */
function refusedQueryValues(schema: Schema): LabelledValue[] {
  if (isNumberSchema(schema)) {
    const refused: LabelledValue[] = ['abc', 'NaN', 'Infinity', '1,5', '--1', '½', '1 2'].map((value) => ({
      value,
      why: `${value}, not a number`,
    }));
    if (schema.minimum !== undefined) refused.push({ value: String(schema.minimum - 1), why: `below the minimum ${schema.minimum}` });
    if (schema.maximum !== undefined) {
      refused.push({ value: String(schema.maximum + 1), why: `above the maximum ${schema.maximum}` });
      refused.push({ value: '1e309', why: '1e309 (maximum)' }, { value: '9999999999999999999', why: '9999999999999999999 (maximum)' });
    }
    if (schema.type === 'integer') refused.push({ value: '1.5', why: 'fractional' });
    return refused;
  }
  if (schema.type === 'boolean') return ['yes', '2', 'TRUE '].map((value) => ({ value, why: `${value}, not a boolean` }));
  if (schema.type === 'string') return refusedStrings(schema);
  return [];
}

/** Query text that may or may not be refused (lenient number parsing, unicode, NUL): never a 5xx. */
function awkwardQueryValues(schema: Schema): LabelledValue[] {
  if (isNumberSchema(schema)) {
    return ['', ' ', '0', '-0', '1.5', '1e3', '0x10', '007', '+5', '2147483648', '-1'].map((value) => ({
      value,
      why: `the number ${JSON.stringify(value)}`,
    }));
  }
  return awkwardValues({ type: 'string' })
    .filter(({ value }) => typeof value === 'string' && value.length < 1_000 && !/[\uD800-\uDFFF]/.test(value))
    .concat([{ value: 'x'.repeat(5_000), why: '5000 characters' }]);
}

function headerMutations(op: Operation): fc.Arbitrary<Mutation>[] {
  const inHeaders = op.parameters.filter((parameter) => parameter.in === 'header');
  if (inHeaders.length === 0) return [];
  const sendable = (value: unknown): value is string =>
    typeof value === 'string' && value.length < 4_000 && /^[\x21-\x7e\xa0-\xff](?:[\x20-\x7e\xa0-\xff]*[\x21-\x7e\xa0-\xff])?$/.test(value);
  const refused = inHeaders.flatMap((parameter) =>
    refusedStrings(parameter.schema)
      .filter(({ value }) => sendable(value))
      .map((bad) => ({ parameter, ...bad, expect: 'reject' as Expectation })),
  );
  const awkward = inHeaders.flatMap((parameter) =>
    ['x'.repeat(101), 'x'.repeat(2_000), 'with space', 'caf\xe9', '"quoted"', "' OR 1=1 --"].map((value) => ({
      parameter,
      value,
      why: `${JSON.stringify(value.slice(0, 20))}`,
      expect: 'any' as Expectation,
    })),
  );
  return [
    fc.constantFrom(...refused, ...awkward).map(({ parameter, value, why, expect }) => ({
      label: `header ${parameter.name}: ${why}`,
      expect,
      apply: (fuzzCase: FuzzCase) => ({ ...fuzzCase, headers: { ...fuzzCase.headers, [parameter.name]: value as string } }),
    })),
  ];
}

/** A multipart/form-data body: files that are no picture or too large, fields missing, unknown or refused, another content type. */
function formMutations(op: Operation): fc.Arbitrary<Mutation>[] {
  const properties: Record<string, Schema> = op.body!.schema.properties ?? {};
  const names = Object.keys(properties);
  const files = names.filter((name) => isFile(properties[name]));
  const texts = names.filter((name) => !isFile(properties[name]));
  const fieldsOf = (fuzzCase: FuzzCase) => (fuzzCase.payload.kind === 'form' ? fuzzCase.payload.fields : {});
  const withFields = (build: (fields: Record<string, unknown>) => Record<string, unknown>) => (fuzzCase: FuzzCase) => ({
    ...fuzzCase,
    payload: { kind: 'form', fields: build(fieldsOf(fuzzCase)) } as Payload,
  });
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc.tuple(unknownNames(names), fc.string({ maxLength: 20 })).map(([name, value]) => ({
      label: `form: unknown field ${name}`,
      expect: 400,
      apply: withFields((fields) => withField(fields, name, value)),
    })),
    fc.constantFrom(...(op.body!.schema.required ?? names)).map((name: string) => ({
      label: `form: without ${name}`,
      expect: 400,
      apply: withFields((fields) => withoutField(fields, name)),
    })),
    fc
      .constantFrom<Payload>(
        { kind: 'raw', text: '{"alt":"x"}', contentType: 'application/json' },
        { kind: 'raw', text: 'plain words', contentType: 'text/plain' },
        { kind: 'raw', text: 'alt=x', contentType: 'application/x-www-form-urlencoded' },
      )
      .map((payload) => ({
        label: `body: sent as ${payload.kind === 'raw' ? payload.contentType : ''}`,
        expect: 415,
        apply: (fuzzCase: FuzzCase) => ({ ...fuzzCase, payload }),
      })),
    fc.constantFrom('--nothing\r\n', '--fuzz\r\nContent-Disposition: form-data; name="alt"\r\n\r\nunfinished', '').map((text) => ({
      label: `form: malformed ${JSON.stringify(text.slice(0, 16))}`,
      expect: 400,
      apply: (fuzzCase: FuzzCase) => ({
        ...fuzzCase,
        payload: { kind: 'raw', text, contentType: 'multipart/form-data; boundary=fuzz' } as Payload,
      }),
    })),
  ];
  if (files.length > 0) {
    mutations.push(
      fc.tuple(fc.constantFrom(...files), fc.uint8Array({ minLength: 0, maxLength: 200 })).map(([name, bytes]) => ({
        label: `form.${name}: random bytes`,
        expect: 400,
        apply: withFields((fields) => withField(fields, name, Buffer.from(bytes))),
      })),
      fc.constantFrom(...files).map((name) => ({
        label: `form.${name}: over 5 MB`,
        expect: 413,
        apply: withFields((fields) => withField(fields, name, Buffer.concat([TINY_PNG, Buffer.alloc(OVER_FILE_LIMIT)]))),
      })),
      fc.constantFrom(...files).map((name) => ({
        label: `form.${name}: text, not a file`,
        expect: 400,
        apply: withFields((fields) => withField(fields, name, 'not a file')),
      })),
    );
  }
  // Only string refusals: a form sends every value as text, so 42 or null arrive as "42" and "null".
  const refused = texts.flatMap((name) =>
    refusedValues(properties[name])
      .filter(({ value }) => typeof value === 'string')
      .map((bad) => ({ name, ...bad })),
  );
  if (refused.length > 0) {
    mutations.push(
      fc.constantFrom(...refused).map(({ name, value, why }) => ({
        label: `form.${name}: ${why}`,
        expect: 400,
        apply: withFields((fields) => withField(fields, name, value)),
      })),
    );
  }
  return mutations;
}

function bodyMutations(op: Operation): fc.Arbitrary<Mutation>[] {
  if (isForm(op)) return formMutations(op);
  if (!op.body) {
    if (isSafe(op.method)) return [];
    // A body nobody asked for: ignored or refused, never a 5xx.
    return [
      fc
        .constantFrom<Payload>(
          { kind: 'json', value: { unexpected: true } },
          { kind: 'raw', text: '{"broken": ', contentType: 'application/json' },
          { kind: 'raw', text: 'plain words', contentType: 'text/plain' },
        )
        .map((payload) => ({
          label: `an unexpected ${payload.kind} body`,
          expect: 'any',
          apply: (fuzzCase) => ({ ...fuzzCase, payload }),
        })),
    ];
  }
  const schema = op.body.schema;
  const asJson = (fuzzCase: FuzzCase): Record<string, unknown> =>
    fuzzCase.payload.kind === 'json' && isPlainObject(fuzzCase.payload.value) ? fuzzCase.payload.value : {};
  const withBody = (build: (body: Record<string, unknown>) => unknown) => (fuzzCase: FuzzCase) => ({
    ...fuzzCase,
    payload: { kind: 'json', value: build(asJson(fuzzCase)), contentType: op.body!.contentType } as Payload,
  });
  const replaced = (payload: Payload, label: string, expect: Expectation): Mutation => ({
    label,
    expect,
    apply: (fuzzCase) => ({ ...fuzzCase, payload }),
  });
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc.constantFrom(
      ...[
        '{',
        '{"a":',
        'not json',
        "{'single': 1}",
        '{"a":1,}',
        '\u0000',
        'NaN',
        '{"a":1}{"b":2}',
        '',
        `{"a":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
      ].map((text) =>
        replaced({ kind: 'raw', text, contentType: 'application/json' }, `body: the non-JSON ${JSON.stringify(text.slice(0, 16))}`, 400),
      ),
      // The validation pipe reads a null body as an empty one: whether that passes depends on the DTO.
      replaced({ kind: 'raw', text: 'null', contentType: 'application/json' }, 'body: null', 'any'),
      replaced(
        { kind: 'raw', text: `{"pad":"${'x'.repeat(OVER_BODY_LIMIT)}"}`, contentType: 'application/json' },
        'body: over 100 kB of JSON',
        413,
      ),
    ),
    // The valid body with the wrong content type.
    fc
      .constantFrom<string | null>(
        null,
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=fuzz',
        'application/xml',
        'application/octet-stream',
        'application/json-patch+json',
      )
      .map((contentType) => ({
        label: `body: sent as ${contentType ?? 'text/plain (no content type)'}`,
        expect: 415,
        apply: (fuzzCase: FuzzCase) => ({ ...fuzzCase, payload: { kind: 'json', value: asJson(fuzzCase), contentType } as Payload }),
      })),
    fc.constantFrom('application/json; charset=utf-8', 'Application/JSON').map((contentType) => ({
      label: `body: sent as ${contentType}`,
      expect: 'any',
      apply: (fuzzCase: FuzzCase) => ({ ...fuzzCase, payload: { kind: 'json', value: asJson(fuzzCase), contentType } as Payload }),
    })),
  ];
  if (typeOf(schema) !== 'object') return mutations;

  mutations.push(
    fc
      .constantFrom('[]', '"text"', '42', 'true', '[{"a":1}]')
      .map((text) => replaced({ kind: 'raw', text, contentType: 'application/json' }, `body: the JSON ${text}, not an object`, 400)),
  );
  const properties: Record<string, Schema> = schema.properties ?? {};
  const names = Object.keys(properties);
  const required: string[] = (schema.required ?? []).filter((name: string) => name in properties);
  mutations.push(
    fc.tuple(unknownNames(names), jsonValues).map(([name, value]) => ({
      label: `body: unknown field ${name}`,
      expect: 400,
      apply: withBody((body) => withField(body, name, value)),
    })),
    fc.constantFrom('__proto__', 'constructor', 'prototype').map((name) => ({
      label: `body: a ${name} key`,
      expect: 'reject',
      apply: withBody((body) => withField(body, name, JSON.parse('{"prototype":{"polluted":true},"polluted":true}'))),
    })),
    fc.constantFrom(...(names.length > 0 ? names : ['pad'])).map((name) => ({
      label: `body.${name}: over 100 kB`,
      expect: 413,
      apply: withBody((body) => withField(body, name, 'x'.repeat(OVER_BODY_LIMIT))),
    })),
  );
  if (required.length > 0) {
    mutations.push(
      fc
        .constantFrom(...required)
        .map((name) => ({ label: `body: without ${name}`, expect: 'reject', apply: withBody((body) => withoutField(body, name)) })),
    );
  }
  const refused = names.flatMap((name) => refusedValues(properties[name]).map((bad) => ({ name, ...bad })));
  if (refused.length > 0) {
    mutations.push(
      fc.constantFrom(...refused).map(({ name, value, why }) => ({
        label: `body.${name}: ${why}`,
        expect: 'reject',
        apply: withBody((body) => withField(body, name, value)),
      })),
    );
  }
  const awkward = names.flatMap((name) => awkwardValues(properties[name]).map((odd) => ({ name, ...odd })));
  if (awkward.length > 0) {
    mutations.push(
      fc.constantFrom(...awkward).map(({ name, value, why }) => ({
        label: `body.${name}: ${why}`,
        expect: 'any',
        apply: withBody((body) => withField(body, name, value)),
      })),
    );
  }
  if (names.length > 0) {
    mutations.push(
      fc.constantFrom(...names).map((name) => ({
        label: `body: ${name} twice`,
        expect: 'any',
        apply: (fuzzCase: FuzzCase) => ({ ...fuzzCase, payload: { kind: 'json', value: asJson(fuzzCase), duplicate: name } as Payload }),
      })),
    );
  }
  return mutations;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RawJson) && !(value instanceof FixtureRef)
  );
}

/** A copy of `object` with `name` set as an own property (even `__proto__`). */
export function withField(object: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object)) if (key !== name) define(copy, key, object[key]);
  define(copy, name, value);
  return copy;
}

function withoutField(object: Record<string, unknown>, name: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object)) if (key !== name) define(copy, key, object[key]);
  return copy;
}

export function define(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON text of `value`, keeping own `__proto__` keys and writing RawJson tokens verbatim. */
export function toJsonText(value: unknown): string {
  if (value instanceof FixtureRef) throw new Error(`the fixture ${value.name} was not filled in`);
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (isPlainObject(value))
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${toJsonText(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
