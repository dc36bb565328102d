import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { PROBLEM_TYPES } from '@marquee/contracts';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { closedSchema } from './support/fuzz/contract-checks.js';
import { OpenApiDocument, type Schema } from './support/fuzz/openapi.js';

/**
 * The contract as typed clients read it (DESIGN §8 Contract): whole numbers are integers, every
 * operation and every schema has an example that its schema accepts, 429 and 503 are documented
 * with Retry-After, the access rule is in each operation's description, `servers` and `license`
 * are set. Read from libs/contracts/openapi.json, which `npm run openapi:check` keeps fresh.
 */
const CONTRACT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../libs/contracts/openapi.json');
const contract = JSON.parse(readFileSync(CONTRACT, 'utf8')) as Record<string, any>;
const resolver = OpenApiDocument.read(CONTRACT);

/** Names of values that are whole numbers: ids, money in minor units, counts, sizes, pages. */
const WHOLE =
  /(^id$|Id$|Ids$|Cents$|^quantity$|^capacity$|^booked$|^remaining$|^position$|^page$|^limit$|^total|^bookings$|^confirmed$|^cancelled$|^completed$|^created$|^removed$|^attempts$|^width$|^height$|Minutes$|Hours$|^expiresIn$|^status$|^weekdays$|^minPrice$|^maxPrice$)/;
/** Properties that may hold a fraction, by `Schema.property` (none yet: add one here when it is true). */
const FRACTIONAL = new Set<string>([]);

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface Named {
  where: string;
  schema: Schema;
}

/** Every schema of the document with where it is: components' properties, parameters, headers, bodies. */
function everySchema(): Named[] {
  const found: Named[] = [];
  const walk = (schema: Schema | undefined, where: string) => {
    if (!schema || typeof schema !== 'object') return;
    found.push({ where, schema });
    for (const [name, property] of Object.entries<Schema>(schema.properties ?? {})) walk(property, `${where}.${name}`);
    if (schema.items) walk(schema.items, `${where}[]`);
    for (const member of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) walk(member, where);
  };
  for (const [name, schema] of Object.entries<Schema>(contract.components.schemas)) walk(schema, name);
  for (const [name, header] of Object.entries<Schema>(contract.components.headers ?? {})) walk(header.schema, `header ${name}`);
  for (const { key, raw } of operations()) {
    for (const parameter of raw.parameters ?? []) walk(parameter.schema, `${key} ?${parameter.name}`);
  }
  return found;
}

function operations(): { key: string; path: string; raw: Record<string, any> }[] {
  return Object.entries<Record<string, any>>(contract.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({ key: `${method.toUpperCase()} ${path}`, path, raw: item[method] })),
  );
}

/** Every body the document describes: each response's and the request's media types. */
function bodies(): { where: string; contentType: string; media: Record<string, any> }[] {
  return operations().flatMap(({ key, raw }) => [
    ...Object.entries<Record<string, any>>(raw.responses).flatMap(([status, response]) =>
      Object.entries<Record<string, any>>(response.content ?? {}).map(([contentType, media]) => ({
        where: `${key} ${status} ${contentType}`,
        contentType,
        media,
      })),
    ),
    ...Object.entries<Record<string, any>>(raw.requestBody?.content ?? {}).map(([contentType, media]) => ({
      where: `${key} request ${contentType}`,
      contentType,
      media,
    })),
  ]);
}

const leafName = (where: string) => where.split('.').pop()!.replace(/\[\]$/, '').replace(/^.*\?/, '');

describe('the OpenAPI document', () => {
  it('says whole numbers are integers with a format: ids, cents, quantities, capacities, counts, pages', () => {
    const schemas = everySchema();
    const numbers = schemas.filter(({ where, schema }) => schema.type === 'number' && !FRACTIONAL.has(where)).map(({ where }) => where);
    expect(numbers).toEqual([]);
    const wholeButNotInteger = schemas
      .filter(({ where, schema }) => WHOLE.test(leafName(where)) && ['number', 'integer'].includes(schema.type))
      .filter(({ schema }) => schema.type !== 'integer' || !['int32', 'int64'].includes(schema.format))
      .map(({ where, schema }) => `${where}: ${schema.type}${schema.format ? ` (${schema.format})` : ''}`);
    expect(wholeButNotInteger).toEqual([]);
    // The rule is not vacuous: the ids, money and counts are there, and integers.
    const integers = schemas.filter(({ schema }) => schema.type === 'integer').map(({ where }) => where);
    expect(integers).toEqual(
      expect.arrayContaining(['BookingDto.id', 'BookingDto.totalCents', 'SessionDto.capacity', 'PageMetaDto.total']),
    );
  });

  it('gives every property of every schema an example (a reference, a list of them or an enum shows its own)', () => {
    const missing: string[] = [];
    for (const [name, schema] of Object.entries<Schema>(contract.components.schemas)) {
      for (const [property, declared] of Object.entries<Schema>(schema.properties ?? {})) {
        const composed = declared.$ref || declared.allOf || declared.enum || declared.items?.$ref || declared.items?.enum;
        if (!('example' in declared) && !composed && declared.format !== 'binary') missing.push(`${name}.${property}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every operation an example, and one for each body it sends or answers (a file upload aside)', () => {
    const withoutExample = operations()
      .filter(
        ({ raw }) => !Object.values<Record<string, any>>(raw.responses).some((response) => JSON.stringify(response).includes('"example"')),
      )
      .map(({ key }) => key);
    expect(withoutExample).toEqual([]);
    const bodiesWithout = bodies()
      .filter(({ contentType, media }) => contentType !== 'multipart/form-data' && !('example' in media) && !media.examples)
      .map(({ where }) => where);
    expect(bodiesWithout).toEqual([]);
    const successWithout = operations()
      .filter(({ raw }) =>
        Object.entries<Record<string, any>>(raw.responses).some(
          ([status, response]) =>
            status.startsWith('2') && Object.values<Record<string, any>>(response.content ?? {}).some((media) => !('example' in media)),
        ),
      )
      .map(({ key }) => key);
    expect(successWithout).toEqual([]);
  });

  it('names in each 400 example a field the operation takes (a property of its body, or a parameter), none when it takes none', () => {
    const taken = (raw: Record<string, any>): string[] => {
      const names: string[] = (raw.parameters ?? []).map((parameter: { name: string }) => parameter.name);
      for (const media of Object.values<Record<string, any>>(raw.requestBody?.content ?? {})) {
        const ref: string | undefined = media.schema?.$ref;
        const schema = ref ? contract.components.schemas[ref.replace('#/components/schemas/', '')] : media.schema;
        names.push(...Object.keys(schema?.properties ?? {}));
      }
      return names;
    };
    const wrong = operations()
      .filter(({ raw }) => raw.responses['400'])
      .flatMap(({ key, raw }) => {
        const example = raw.responses['400'].content['application/problem+json'].example as {
          detail: string;
          errors?: { field: string }[];
        };
        const fields = (example.errors ?? []).map(({ field }) => field);
        const named = fields.length > 0 && fields.every((field) => taken(raw).includes(field) && example.detail.startsWith(`${field}:`));
        const ok = taken(raw).length > 0 ? named : fields.length === 0;
        return ok ? [] : [`${key}: ${fields.join(', ')} not among ${taken(raw).join(', ')}`];
      });
    expect(wrong).toEqual([]);
  });

  it('has examples that their schemas accept (no undeclared property, formats checked)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    addFormats.default(ajv);
    const invalid: string[] = [];
    let checked = 0;
    const check = (where: string, schema: Schema, example: unknown) => {
      const validate = ajv.compile(closedSchema(resolver.resolve(schema)));
      checked++;
      if (!validate(example)) invalid.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    };
    for (const { where, media } of bodies()) {
      if (!media.schema) continue;
      if ('example' in media) check(where, media.schema, media.example);
      for (const [name, example] of Object.entries<{ value: unknown }>(media.examples ?? {}))
        check(`${where} (${name})`, media.schema, example.value);
    }
    for (const { where, schema } of everySchema()) {
      if ('example' in schema && !schema.properties) check(where, schema, schema.example);
    }
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });

  it('documents 429 and 503 on every operation as problems with Retry-After', () => {
    const undocumented: string[] = [];
    for (const { key, raw } of operations()) {
      for (const status of ['429', '503']) {
        const response = raw.responses[status];
        const problem = response?.content?.['application/problem+json']?.schema?.$ref === '#/components/schemas/ProblemDto';
        const retryAfter = response?.headers?.['Retry-After']?.$ref === '#/components/headers/Retry-After';
        if (!problem || !retryAfter) undocumented.push(`${key} ${status}`);
      }
    }
    expect(undocumented).toEqual([]);
    expect(contract.components.headers['Retry-After'].schema).toEqual(expect.objectContaining({ type: 'integer', minimum: 1 }));
  });

  it('declares each problem type the API answers as the enum of ProblemDto.type', () => {
    expect(contract.components.schemas.ProblemDto.properties.type.enum).toEqual([...PROBLEM_TYPES]);
    expect(PROBLEM_TYPES).toEqual(expect.arrayContaining(['/problems/validation', '/problems/rate-limited', '/problems/unavailable']));
  });

  it('states each operation’s access rule in its description, as x-access declares it', () => {
    const unstated: string[] = [];
    for (const { key, raw } of operations()) {
      const access = raw['x-access'] as { public?: boolean; permissions?: string[] } | undefined;
      const description = String(raw.description ?? '');
      const states =
        access?.public === true
          ? description.includes('**Access:** public')
          : access?.permissions
            ? access.permissions.every((permission) => description.includes(`\`${permission}\``))
            : description.includes('**Access:** any signed-in user');
      if (!access || !states) unstated.push(key);
    }
    expect(unstated).toEqual([]);
  });

  it('sets servers and license', () => {
    expect(contract.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(contract.info.license).toEqual({ name: 'MIT', url: expect.stringMatching(/^https:\/\//) });
  });
});
