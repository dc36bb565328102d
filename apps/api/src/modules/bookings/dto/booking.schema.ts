import { dateTime, int32, nullable, pageOf, type ObjectSchema } from '../../../common/dto/response-schema.js';

/** BookingDto as a JSON schema, for the compiled serializer of the bookings' routes. */
export const BOOKING_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    id: int32,
    userId: int32,
    serviceId: int32,
    service: {
      type: 'object',
      properties: { id: int32, name: { type: 'string' } },
      required: ['id', 'name'],
    },
    sessionId: int32,
    reference: { type: 'string' },
    startsAt: dateTime,
    allDay: { type: 'boolean' },
    customer: {
      type: 'object',
      properties: { id: int32, name: { type: 'string' }, email: { type: 'string' } },
      required: ['id', 'name', 'email'],
    },
    bookingDate: { type: 'string' },
    quantity: int32,
    unitPriceCents: int32,
    totalCents: int32,
    currency: { type: 'string' },
    status: { type: 'string' },
    tickets: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ticketTypeId: int32,
          name: { type: 'string' },
          unitPriceCents: int32,
          quantity: int32,
        },
        required: ['ticketTypeId', 'name', 'unitPriceCents', 'quantity'],
      },
    },
    notes: nullable('string'),
    createdAt: dateTime,
    updatedAt: dateTime,
    cancelledAt: { ...dateTime, ...nullable('string') },
  },
  required: [
    'id',
    'userId',
    'serviceId',
    'service',
    'sessionId',
    'reference',
    'startsAt',
    'allDay',
    'bookingDate',
    'quantity',
    'unitPriceCents',
    'totalCents',
    'currency',
    'status',
    'tickets',
    'notes',
    'createdAt',
    'updatedAt',
    'cancelledAt',
  ],
};

export const BOOKING_PAGE_SCHEMA = pageOf(BOOKING_SCHEMA);
