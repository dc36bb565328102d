import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  DocumentBuilder,
  SwaggerModule,
  type HeaderObject,
  type MediaTypeObject,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
  type RequestBodyObject,
  type ResponseObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { PROBLEM_KINDS, problemType, type ProblemKind } from '@marquee/contracts';
import { titleOf } from './common/problem.js';
import { MAX_ID } from './common/validation/id.js';

/** What an operation's `x-access` says (the access decorators write it). */
interface Access {
  public?: boolean;
  signedIn?: boolean;
  ownership?: string;
  permissions?: string[];
  limit?: string;
}

/** The id every example names, in paths and bodies alike. */
const EXAMPLE_ID = 42;

/** The problem an example of each error status shows: its kind and a detail the API answers. */
const EXAMPLE_PROBLEMS: Record<number, { kind: ProblemKind; detail: string }> = {
  // A field the operation takes is named in front when it has one (see exampleField).
  400: { kind: 'validation', detail: 'The request is malformed' },
  401: { kind: 'unauthorized', detail: 'Authentication is required' },
  403: { kind: 'forbidden', detail: 'You do not have permission to do this' },
  404: { kind: 'not-found', detail: 'No such route or resource' },
  409: { kind: 'conflict', detail: 'The request conflicts with the current state of the resource' },
  413: { kind: 'payload-too-large', detail: 'The request body is larger than 100 kB' },
  415: { kind: 'unsupported-media-type', detail: 'Send the request body as application/json' },
  429: { kind: 'rate-limited', detail: 'Too many requests; try again later' },
  500: { kind: 'internal', detail: 'Something went wrong on our side; it has been logged' },
  503: { kind: 'unavailable', detail: 'The database does not answer; try again shortly' },
};

const RETRY_AFTER: HeaderObject = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86_400, example: 30 },
};

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Marquee API')
    .setDescription(
      'Book entertainment services: catalogue, availability, bookings, accounts and roles. ' +
        'Errors are RFC 9457 problem details (application/problem+json). Each operation states who may call it ' +
        'in its description and in `x-access`.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://spdx.org/licenses/MIT.html')
    .addServer('/', 'The origin that serves this document, local or production (the API is under /api)', undefined, {
      'x-internal': false,
    })
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'Access token from /api/auth/login, /register or /refresh: an HS256 JWT following RFC8725 (algorithm, issuer and ' +
        'audience pinned on verification; short-lived; revocable per session). Or an API key (`mk_…`, from POST /api/api-keys): ' +
        'it acts as its owner with the permissions both it and the owner hold; operations marked `x-api-keys: refused` answer it 403.',
    })
    .addTag('auth', 'Registration, sign-in, token refresh, one’s own profile, e-mail verification and password reset')
    .addTag('users', 'User accounts')
    .addTag('roles', 'Roles and their permissions')
    .addTag('services', 'The catalogue and availability')
    .addTag('ticket types', 'A service’s ticket types (Adult, Child …) and their prices')
    .addTag('schedules', 'Weekly schedules that make a service’s sessions')
    .addTag('sessions', 'Sessions: one start time of a service, its capacity and attendees')
    .addTag('bookings', 'Bookings, their e-tickets and calendar files')
    .addTag('tickets', 'The key that verifies e-ticket codes')
    .addTag('check-ins', 'Checking tickets in at the door, and a session’s door count')
    .addTag('stats', 'Booking statistics')
    .addTag('audit', 'The audit log of staff actions')
    .addTag('messages', 'Outgoing e-mail: undeliverable messages and their retry')
    .addTag('webhooks', 'Signed webhooks: endpoints, their deliveries, a test event and retries')
    .addTag('venue', 'The venue: its time zone and the currencies of its catalogue')
    .addTag('api keys', 'Personal access tokens for integrations: made, listed and revoked by their owner')
    .addTag('health', 'Liveness and readiness')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  (document.components ??= {}).headers = { 'Retry-After': RETRY_AFTER };
  for (const [path, method, operation] of operations(document)) {
    addCommonProblems(operation, method);
    describeIdParameters(operation);
    describeAccess(operation);
    addExamples(operation, path, document);
  }
  return document;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function* operations(document: OpenAPIObject): Generator<[string, (typeof METHODS)[number], OperationObject]> {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) yield [path, method, operation];
    }
  }
}

/** Path ids are positive integers that fit the INT columns (ParseIdPipe answers 400 otherwise). */
function describeIdParameters(operation: OperationObject): void {
  for (const parameter of operation.parameters ?? []) {
    if ('in' in parameter && parameter.in === 'path' && parameter.name === 'id') {
      parameter.schema = { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_ID };
      parameter.example = EXAMPLE_ID;
    }
  }
}

/** `x-access` in words, for the readers of Swagger UI and of generated clients' doc comments. */
function describeAccess(operation: OperationObject): void {
  const access = (operation as { 'x-access'?: Access })['x-access'];
  if (!access) return;
  let rule = access.public
    ? 'public: no access token needed'
    : access.permissions
      ? `signed in, with ${access.permissions.map((permission) => `\`${permission}\``).join(' and ')}`
      : 'any signed-in user';
  if (access.ownership) rule += `; ${access.ownership}`;
  if (access.limit) rule += `. Refused (403) beyond that: ${access.limit}`;
  const sentence = `**Access:** ${rule}.`;
  operation.description = operation.description ? `${operation.description}\n\n${sentence}` : sentence;
}

/**
 * The problem answers every operation can give, said once here: 400 (when it takes input), 413 and
 * 415 (unless a GET), 429 (past a route's own limit, or RATE_LIMIT_GLOBAL on any route when set),
 * 500, and 503 (the database or Redis does not answer, or the instance shuts down) — 429 and 503 with Retry-After.
 */
function addCommonProblems(operation: OperationObject, method: (typeof METHODS)[number]): void {
  const problem = (description: string): ResponseObject => ({
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  });
  const responses = (operation.responses ??= {});
  for (const response of Object.values(responses) as ResponseObject[]) {
    const content = response.content;
    if (content?.['application/json'] && JSON.stringify(content).includes('ProblemDto')) {
      content['application/problem+json'] = content['application/json'];
      delete content['application/json'];
    }
  }
  if ((operation.parameters?.length || operation.requestBody) && !responses['400']) {
    responses['400'] = problem('Invalid input: the problem names each field (`errors`)');
  }
  // Any method but GET may be sent a body, even one that takes none.
  if (method !== 'get') {
    responses['413'] ??= problem('The request body is over 100 kB');
    responses['415'] ??= problem('The request body is not application/json');
  }
  responses['429'] ??= problem('Too many requests from this address: past RATE_LIMIT_GLOBAL, when the deployment sets one');
  responses['500'] ??= problem('Unexpected failure (no internals in the body)');
  responses['503'] ??= problem('The database or Redis does not answer, or this instance is shutting down; try again after Retry-After');
  for (const status of ['429', '503']) {
    (responses[status] as ResponseObject).headers = { 'Retry-After': { $ref: '#/components/headers/Retry-After' } };
  }
}

type Schema = SchemaObject | ReferenceObject;

/**
 * An example for every body the operation sends or answers, composed from its schema's property
 * examples (written beside each DTO property): a list shows one item, a problem the kind of its status.
 */
function addExamples(operation: OperationObject, path: string, document: OpenAPIObject): void {
  const instance = path.replace(/\{id\}/g, String(EXAMPLE_ID));
  const field = exampleField(operation, document);
  const bodies = [
    ...Object.entries(operation.responses ?? {}).map(([status, response]) => [Number(status), response] as const),
    [0, operation.requestBody] as const,
  ];
  for (const [status, body] of bodies) {
    const content: Record<string, MediaTypeObject> = (body as ResponseObject | undefined)?.content ?? {};
    for (const [type, media] of Object.entries(content)) {
      if (media.example !== undefined || media.examples || !media.schema) continue;
      const example = type === 'application/problem+json' ? problemExample(status, instance, field) : exampleOf(media.schema, document);
      if (example !== undefined) media.example = example;
    }
  }
}

function problemExample(status: number, instance: string, field: string | undefined): object {
  const { kind, detail } = EXAMPLE_PROBLEMS[status] ?? EXAMPLE_PROBLEMS[500];
  const problem = { type: problemType(kind), title: titleOf(kind), status: PROBLEM_KINDS[kind], detail, instance };
  if (kind !== 'validation' || !field) return problem;
  const message = `${field} is not valid`;
  return { ...problem, detail: `${field}: ${message}`, errors: [{ field, message }] };
}

/**
 * The field a 400 example names, one the operation really takes: its body's first required property
 * (else its first property), else its first query parameter, else its first path parameter; none
 * when it takes nothing.
 */
function exampleField(operation: OperationObject, document: OpenAPIObject): string | undefined {
  const content = (operation.requestBody as RequestBodyObject | undefined)?.content ?? {};
  let schema = Object.values(content)[0]?.schema;
  if (schema && '$ref' in schema) schema = document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
  const fromBody = schema && !('$ref' in schema) ? (schema.required?.[0] ?? Object.keys(schema.properties ?? {})[0]) : undefined;
  if (fromBody) return fromBody;
  const parameters = (operation.parameters ?? []).filter((parameter): parameter is ParameterObject => !('$ref' in parameter));
  return (parameters.find((parameter) => parameter.in === 'query') ?? parameters.find((parameter) => parameter.in === 'path'))?.name;
}

/** The schema's example, or one made of its parts' examples; undefined when a required part has none. */
function exampleOf(schema: Schema, document: OpenAPIObject): unknown {
  if ('$ref' in schema) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    return target ? exampleOf(target, document) : undefined;
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.allOf) {
    const parts = schema.allOf.map((part: Schema) => exampleOf(part, document));
    return parts.every((part) => typeof part === 'object' && part !== null) ? Object.assign({}, ...parts) : undefined;
  }
  if (schema.type === 'array' && schema.items) {
    const item = exampleOf(schema.items, document);
    return item === undefined ? undefined : [item];
  }
  if (schema.type === 'object' || schema.properties) {
    const example: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const value = exampleOf(property, document);
      if (value !== undefined) example[name] = value;
      else if (schema.required?.includes(name)) return undefined;
    }
    return example;
  }
  return undefined;
}
