import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BOOKING_SCHEMA } from '../../modules/bookings/dto/booking.schema.js';
import { SERVICE_LIST_ITEM_SCHEMA, SERVICE_SCHEMA } from '../../modules/services/dto/service.schema.js';
import { SESSION_SCHEMA } from '../../modules/sessions/dto/session.schema.js';
import type { ObjectSchema } from './response-schema.js';

const OPENAPI = resolve(process.cwd(), '../../libs/contracts/openapi.json');

/** A property of a response schema (`type: [t, 'null']`) or of openapi.json (`nullable`; `$ref` for an object). */
interface Property {
  type?: string | string[];
  format?: string;
  nullable?: boolean;
}

/** Each field as `name: type[|null][ format]`. */
function fields(schema: ObjectSchema): string[] {
  return Object.entries(schema.properties as Record<string, Property>)
    .map(([name, property]) => {
      const types = [property.type ?? 'object'].flat();
      const nullable = types.includes('null') || property.nullable === true;
      const base = types.find((type) => type !== 'null');
      return `${name}: ${base}${nullable ? '|null' : ''}${property.format ? ` ${property.format}` : ''}`;
    })
    .sort();
}

describe('response schemas', () => {
  const components = (JSON.parse(readFileSync(OPENAPI, 'utf8')) as { components: { schemas: Record<string, ObjectSchema> } }).components
    .schemas;

  it.each([
    ['ServiceDto', SERVICE_SCHEMA],
    ['ServiceListItemDto', SERVICE_LIST_ITEM_SCHEMA],
    ['BookingDto', BOOKING_SCHEMA],
    ['SessionDto', SESSION_SCHEMA],
  ])('name exactly the fields of %s, with their types', (name, schema) => {
    const documented = components[name];
    expect(fields(schema)).toEqual(fields(documented));
    expect([...schema.required].sort()).toEqual([...documented.required].sort());
  });
});
