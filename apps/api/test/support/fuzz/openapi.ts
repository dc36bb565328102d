import { readFileSync } from 'node:fs';

/** A schema object of the OpenAPI 3.0 document, after its `$ref`s are resolved. */
export type Schema = Record<string, any>;

/** Who may call an operation, read from its `x-access` (or, without one, from `security`). */
export type Access = 'public' | 'signed-in' | 'permission';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface ResponseSpec {
  /** The media type the spec declares first (none for an empty answer such as 204). */
  contentType?: string;
  schema?: Schema;
  /** Every media type the spec declares (a route may answer JSON, or CSV when asked for it). */
  media: { contentType: string; schema?: Schema }[];
}

export interface Operation {
  /** `METHOD /path`, e.g. `PATCH /api/users/{id}`. */
  key: string;
  method: string;
  path: string;
  access: Access;
  /** The operation limits a signed-in caller to their own records (`x-access.ownership`). */
  ownership: boolean;
  parameters: Parameter[];
  body?: { schema: Schema; schemaName?: string; required: boolean; contentType: string };
  responses: Map<number, ResponseSpec>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The contract, read once at test time: every operation it lists is fuzzed. */
export class OpenApiDocument {
  private constructor(private readonly document: Record<string, any>) {}

  static read(file: string): OpenApiDocument {
    return new OpenApiDocument(JSON.parse(readFileSync(file, 'utf8')));
  }

  get version(): string {
    return String(this.document.openapi);
  }

  operations(): Operation[] {
    const operations: Operation[] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(this.document.paths ?? {})) {
      for (const method of METHODS.filter((name) => item[name])) {
        operations.push(this.operation(method, path, item[method], item.parameters ?? []));
      }
    }
    return operations;
  }

  /** A deep copy of `schema` with every `$ref` replaced by its target (a cycle becomes `{}`). */
  resolve(schema: Schema | undefined, seen: string[] = []): Schema {
    if (!schema || typeof schema !== 'object') return {};
    if (typeof schema.$ref === 'string') {
      if (seen.includes(schema.$ref)) return {};
      return this.resolve(this.target(schema.$ref), [...seen, schema.$ref]);
    }
    const copy: Schema = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties') {
        copy.properties = Object.fromEntries(Object.entries<Schema>(value).map(([name, property]) => [name, this.resolve(property, seen)]));
      } else if (['items', 'additionalProperties', 'not'].includes(key) && value && typeof value === 'object') {
        copy[key] = this.resolve(value, seen);
      } else if (['allOf', 'oneOf', 'anyOf'].includes(key)) {
        copy[key] = (value as Schema[]).map((member) => this.resolve(member, seen));
      } else {
        copy[key] = structuredClone(value);
      }
    }
    return copy;
  }

  private operation(method: string, path: string, raw: Record<string, any>, shared: Schema[]): Operation {
    const parameters = [...shared, ...(raw.parameters ?? [])].map((parameter) => this.parameter(parameter));
    const xAccess = raw['x-access'] ?? {};
    return {
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      access: this.access(raw),
      ownership: typeof xAccess.ownership === 'string',
      parameters: parameters.filter((parameter) => ['path', 'query', 'header'].includes(parameter.in)),
      body: this.body(raw.requestBody),
      responses: new Map(
        Object.entries<Record<string, any>>(raw.responses ?? {})
          .filter(([status]) => /^\d{3}$/.test(status))
          .map(([status, response]) => {
            const resolved = typeof response.$ref === 'string' ? this.target(response.$ref) : response;
            const media = Object.entries<Record<string, any>>(resolved.content ?? {}).map(([contentType, declared]) => ({
              contentType,
              schema: declared?.schema ? this.resolve(declared.schema) : undefined,
            }));
            return [Number(status), { contentType: media[0]?.contentType, schema: media[0]?.schema, media }];
          }),
      ),
    };
  }

  /** The parameter with its own description copied into its schema (where date formats hide). */
  private parameter(raw: Schema): Parameter {
    const parameter = typeof raw.$ref === 'string' ? this.target(raw.$ref) : raw;
    const schema = this.resolve(parameter.schema);
    if (parameter.description && !schema.description) schema.description = parameter.description;
    return { name: parameter.name, in: parameter.in, required: parameter.required === true, schema };
  }

  private body(raw: Schema | undefined): Operation['body'] {
    if (!raw) return undefined;
    const requestBody = typeof raw.$ref === 'string' ? this.target(raw.$ref) : raw;
    const [contentType, media] = Object.entries<Record<string, any>>(requestBody.content ?? {})[0] ?? [];
    if (!contentType) return undefined;
    const ref: unknown = media?.schema?.$ref;
    return {
      schema: this.resolve(media?.schema),
      schemaName: typeof ref === 'string' ? ref.split('/').pop() : undefined,
      required: requestBody.required === true,
      contentType,
    };
  }

  private access(raw: Record<string, any>): Access {
    const declared = raw['x-access'];
    if (declared?.public) return 'public';
    if (declared?.permissions?.length) return 'permission';
    if (declared?.signedIn) return 'signed-in';
    const security: Schema[] = raw.security ?? this.document.security ?? [];
    // Without x-access we cannot tell which permission a bearer route needs: call it as the admin.
    return security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0) ? 'public' : 'permission';
  }

  private target(ref: string): Schema {
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, not ${ref}`);
    const found = ref
      .slice(2)
      .split('/')
      .reduce<any>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], this.document);
    if (!found) throw new Error(`unresolvable $ref ${ref}`);
    return found;
  }
}

/** Dates in this spec are strings whose description says `YYYY-MM-DD` (no `format: date`); accept both. */
export function isDateSchema(schema: Schema): boolean {
  return schema.type === 'string' && (schema.format === 'date' || /\bYYYY-MM-DD\b/.test(String(schema.description ?? '')));
}

export function isNumberSchema(schema: Schema): boolean {
  return schema.type === 'number' || schema.type === 'integer';
}
