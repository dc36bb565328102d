import { dateTime, nullable, pageOf, type ObjectSchema } from '../../../common/dto/response-schema.js';

/** BookingDto as a JSON schema, for the compiled serializer of the bookings' routes. */
export const BOOKING_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    userId: { type: 'number' },
    serviceId: { type: 'number' },
    service: {
      type: 'object',
      properties: { id: { type: 'number' }, name: { type: 'string' } },
      required: ['id', 'name'],
    },
    sessionId: { type: 'number' },
    reference: { type: 'string' },
    startsAt: dateTime,
    allDay: { type: 'boolean' },
    customer: {
      type: 'object',
      properties: { id: { type: 'number' }, name: { type: 'string' }, email: { type: 'string' } },
      required: ['id', 'name', 'email'],
    },
    bookingDate: { type: 'string' },
    quantity: { type: 'number' },
    unitPriceCents: { type: 'number' },
    totalCents: { type: 'number' },
    currency: { type: 'string' },
    status: { type: 'string' },
    tickets: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ticketTypeId: { type: 'number' },
          name: { type: 'string' },
          unitPriceCents: { type: 'number' },
          quantity: { type: 'number' },
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
