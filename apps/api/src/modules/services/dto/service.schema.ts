import { dateTime, nullable, pageOf, type ObjectSchema } from '../../../common/dto/response-schema.js';

/** ServiceDto as a JSON schema, for the compiled serializer of the catalogue's routes. */
export const SERVICE_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    name: { type: 'string' },
    description: { type: 'string' },
    category: { type: 'string' },
    priceCents: { type: 'number' },
    currency: { type: 'string' },
    durationMinutes: { type: 'number' },
    capacity: { type: 'number' },
    availabilityStatus: { type: 'string' },
    imageUrl: nullable('string'),
    location: nullable('string'),
    salesCloseMinutes: { type: 'number' },
    cancellationCutoffHours: { type: 'number' },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
  required: [
    'id',
    'name',
    'description',
    'category',
    'priceCents',
    'currency',
    'durationMinutes',
    'capacity',
    'availabilityStatus',
    'imageUrl',
    'location',
    'salesCloseMinutes',
    'cancellationCutoffHours',
    'createdAt',
    'updatedAt',
  ],
};

export const SERVICE_PAGE_SCHEMA = pageOf(SERVICE_SCHEMA);
