import { dateTime, int32, nullable, pageOf, type ObjectSchema } from '../../../common/dto/response-schema.js';

const SERVICE_IMAGE_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    alt: { type: 'string' },
    small: { type: 'string' },
    medium: { type: 'string' },
    large: { type: 'string' },
    width: int32,
    height: int32,
  },
  required: ['alt', 'small', 'medium', 'large', 'width', 'height'],
};

/** ServiceDto as a JSON schema, for the compiled serializer of the catalogue's routes. */
export const SERVICE_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    id: int32,
    name: { type: 'string' },
    description: { type: 'string' },
    category: { type: 'string' },
    priceCents: int32,
    currency: { type: 'string' },
    durationMinutes: int32,
    capacity: int32,
    availabilityStatus: { type: 'string' },
    imageUrl: nullable('string'),
    location: nullable('string'),
    image: { ...SERVICE_IMAGE_SCHEMA, type: ['object', 'null'] },
    salesCloseMinutes: int32,
    cancellationCutoffHours: int32,
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
    'image',
    'salesCloseMinutes',
    'cancellationCutoffHours',
    'createdAt',
    'updatedAt',
  ],
};

/** ServiceListItemDto: a service as the catalogue lists it, with its next session. */
export const SERVICE_LIST_ITEM_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: { ...SERVICE_SCHEMA.properties, nextSessionAt: { ...dateTime, ...nullable('string') } },
  required: [...SERVICE_SCHEMA.required, 'nextSessionAt'],
};

export const SERVICE_PAGE_SCHEMA = pageOf(SERVICE_LIST_ITEM_SCHEMA);
