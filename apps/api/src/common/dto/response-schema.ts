/**
 * JSON schemas of the busiest answers, for Fastify's compiled serializer (fast-json-stringify):
 * it writes a page of services or bookings about three times faster than JSON.stringify
 * (bench/README.md). A schema must name every field of its DTO — a field it lacks is left out of
 * the answer — so response-schema.spec.ts compares each with the DTO's schema in openapi.json.
 * Routes opt in with `@RouteSchema({ response: { 200: … } })`; error answers keep JSON.stringify.
 */
export interface ObjectSchema {
  type: 'object';
  properties: Record<string, unknown>;
  required: string[];
}

export const dateTime = { type: 'string', format: 'date-time' } as const;

/** A whole number, as the contract declares it. */
export const int32 = { type: 'integer', format: 'int32' } as const;

export const nullable = (type: string) => ({ type: [type, 'null'] });

const PAGE_META_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: { page: int32, limit: int32, total: int32, totalPages: int32 },
  required: ['page', 'limit', 'total', 'totalPages'],
};

/** `{ data: [item…], meta }`, the answer of every list. */
export function pageOf(item: ObjectSchema): ObjectSchema {
  return { type: 'object', properties: { data: { type: 'array', items: item }, meta: PAGE_META_SCHEMA }, required: ['data', 'meta'] };
}
