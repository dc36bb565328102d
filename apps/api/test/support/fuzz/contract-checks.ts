import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Reply } from '../test-app.js';
import type { Expectation } from './fuzz-cases.js';
import type { Operation, Schema } from './openapi.js';

/** The problem kind each 4xx status may carry (DESIGN §4; `invalid-token` for e-mailed tokens and the check-in kinds, §7). */
const KINDS_BY_STATUS: Record<number, string[]> = {
  400: ['validation', 'invalid-token', 'invalid-ticket'],
  401: ['unauthorized'],
  403: ['forbidden'],
  404: ['not-found'],
  405: ['not-found'],
  409: ['conflict', 'sold-out', 'already-checked-in', 'not-valid', 'wrong-session'],
  413: ['payload-too-large'],
  415: ['unsupported-media-type'],
  429: ['rate-limited'],
};

/** Internals that must never reach a client: stack frames, SQL, driver codes, file paths. */
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\bat (?:async )?[\w$.<>[\] ]*\(?(?:file:\/\/)?\/[^\s)]+:\d+(?::\d+)?\)?/],
  ['a source path', /(?:\/[\w.-]+)+\.(?:[cm]?js|ts):\d+/],
  ['node_modules', /node_modules/],
  ['SQL', /\b(?:SELECT|INSERT INTO|DELETE FROM)\s|\bUPDATE [`"\w]+ SET\b/],
  ['a SQLite error', /SQLITE_[A-Z]+/],
  ['a MySQL error', /\bER_[A-Z_]{3,}/],
  ['a TypeORM error', /QueryFailedError|EntityNotFoundError|EntityPropertyNotFoundError|TypeORMError/],
  ['a JavaScript error', /\b(?:TypeError|ReferenceError|RangeError): /],
];

export interface Exchange {
  op: Operation;
  label: string;
  expect: Expectation;
  /** `METHOD /path?query` and the body, for the report. */
  request: string;
  reply: Reply;
  /** The body as received. */
  text: string;
  rowsBefore: Record<string, number>;
  rowsAfter: Record<string, number>;
}

/**
 * The contract every answer must keep: no 5xx, no internals, problem+json 4xx that wrote nothing,
 * 2xx bodies that match the spec's response schema exactly (no undeclared property).
 */
export class ContractChecks {
  private readonly ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  private readonly validators = new Map<Schema, ValidateFunction>();

  constructor() {
    addFormats.default(this.ajv);
  }

  violations(exchange: Exchange): string[] {
    const { reply, text } = exchange;
    const found: string[] = [];
    if (reply.status >= 500) found.push(`answered ${reply.status}`);
    for (const [what, pattern] of LEAKS) if (pattern.test(text)) found.push(`the body shows ${what}`);
    if (reply.status >= 400 && reply.status < 500) found.push(...this.problemViolations(exchange));
    if (reply.status >= 200 && reply.status < 300) found.push(...this.successViolations(exchange));
    found.push(...expectationViolations(exchange));
    return found;
  }

  /** Every 4xx is a problem+json whose type and status agree with the HTTP status, and wrote nothing. */
  private problemViolations({ op, reply, rowsBefore, rowsAfter }: Exchange): string[] {
    const found: string[] = [];
    const contentType = reply.headers.get('content-type') ?? '';
    if (!contentType.startsWith('application/problem+json')) found.push(`a ${reply.status} sent as ${contentType || 'no content type'}`);
    const body = reply.body;
    const kind = typeof body?.type === 'string' ? /^\/problems\/([a-z-]+)$/.exec(body.type)?.[1] : undefined;
    if (!kind) found.push(`a ${reply.status} whose type is ${JSON.stringify(body?.type)}`);
    else if (KINDS_BY_STATUS[reply.status] && !KINDS_BY_STATUS[reply.status].includes(kind))
      found.push(`a ${reply.status} of kind ${kind}`);
    if (body?.status !== reply.status) found.push(`a ${reply.status} whose body says status ${JSON.stringify(body?.status)}`);
    if (reply.status === 429 && !reply.headers.get('retry-after')) found.push('a 429 without Retry-After');
    const schema = (op.responses.get(reply.status) ?? op.responses.get(400))?.schema;
    const invalid = schema && body && typeof body === 'object' ? this.validate(schema, body) : undefined;
    if (invalid) found.push(`a ${reply.status} problem off the ProblemDto schema: ${invalid}`);
    const changed = Object.keys({ ...rowsBefore, ...rowsAfter }).filter((table) => rowsBefore[table] !== rowsAfter[table]);
    if (changed.length > 0) {
      found.push(
        `a ${reply.status} changed the row counts of ${changed.map((table) => `${table} ${rowsBefore[table]}→${rowsAfter[table]}`).join(', ')}`,
      );
    }
    return found;
  }

  /** A 2xx the spec declares, whose body validates against the declared schema with no extra property. */
  private successViolations({ op, reply, text }: Exchange): string[] {
    const declared = op.responses.get(reply.status);
    if (!declared) return [`answered ${reply.status}, which the spec does not declare (${[...op.responses.keys()].join(', ')})`];
    if (!declared.schema) return text === '' ? [] : [`a ${reply.status} with a body the spec does not declare`];
    const contentType = reply.headers.get('content-type') ?? '';
    const media = declared.media.find((candidate) => contentType.startsWith(candidate.contentType));
    if (!media) return [`a ${reply.status} sent as ${contentType}, not ${declared.media.map((each) => each.contentType).join(' or ')}`];
    if (!media.schema) return [`a ${reply.status} sent as ${contentType}, for which the spec declares no schema`];
    const invalid = this.validate(media.schema, reply.body);
    return invalid ? [`a ${reply.status} body off the spec's schema: ${invalid}`] : [];
  }

  private validate(schema: Schema, value: unknown): string | undefined {
    let validator = this.validators.get(schema);
    if (!validator) {
      validator = this.ajv.compile(closedSchema(schema));
      this.validators.set(schema, validator);
    }
    if (validator(value)) return undefined;
    return (validator.errors ?? [])
      .slice(0, 4)
      .map((error) => {
        const where = error.instancePath || '(root)';
        const extra = (error.params as { additionalProperty?: string }).additionalProperty;
        return extra ? `${where} has the undeclared property ${extra}` : `${where} ${error.message}`;
      })
      .join('; ');
  }
}

function expectationViolations({ expect: expected, reply }: Exchange): string[] {
  if (expected === 'any' || reply.status >= 500) return [];
  if (expected === 'reject') return reply.status >= 400 ? [] : [`accepted (${reply.status}) what the spec refuses`];
  return reply.status === expected ? [] : [`answered ${reply.status} instead of ${expected}`];
}

/**
 * A JSON Schema for ajv from an OpenAPI 3.0 schema (refs already resolved): every object schema
 * without an explicit `additionalProperties` is closed, and `nullable: true` becomes a `null` type
 * (for a composed schema such as a nullable `$ref`, an alternative `null`).
 */
export function closedSchema(schema: Schema): Schema {
  if (Array.isArray(schema)) return schema.map(closedSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties')
      copy.properties = Object.fromEntries(Object.entries<Schema>(value).map(([name, property]) => [name, closedSchema(property)]));
    else if (['items', 'additionalProperties', 'not'].includes(key) && typeof value === 'object') copy[key] = closedSchema(value);
    else if (['allOf', 'oneOf', 'anyOf'].includes(key)) copy[key] = (value as Schema[]).map(closedSchema);
    else if (key !== 'nullable') copy[key] = value;
  }
  const isObject = copy.type === 'object' || (copy.type === undefined && copy.properties !== undefined);
  if (isObject && copy.additionalProperties === undefined && !copy.allOf && !copy.oneOf && !copy.anyOf) copy.additionalProperties = false;
  if (schema.nullable === true) {
    // A nullable reference (`nullable` beside `allOf: [$ref]`): the referenced schema, or null.
    if (copy.allOf || copy.oneOf || copy.anyOf) return { anyOf: [copy, { type: 'null' }] };
    if (typeof copy.type === 'string') copy.type = [copy.type, 'null'];
    if (Array.isArray(copy.enum) && !copy.enum.includes(null)) copy.enum = [...copy.enum, null];
    if (copy.type === undefined) return { anyOf: [copy, { type: 'null' }] };
  }
  return copy;
}
