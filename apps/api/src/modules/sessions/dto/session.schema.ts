import { dateTime, nullable, type ObjectSchema } from '../../../common/dto/response-schema.js';

/** SessionDto as a JSON schema, for the compiled serializer of a service's sessions (240 rows for 30 days of 8 a day). */
export const SESSION_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    serviceId: { type: 'number' },
    scheduleId: nullable('number'),
    startsAt: dateTime,
    endsAt: dateTime,
    localDate: { type: 'string' },
    localTime: { type: 'string' },
    allDay: { type: 'boolean' },
    capacity: { type: 'number' },
    booked: { type: 'number' },
    remaining: { type: 'number' },
    status: { type: 'string' },
  },
  required: [
    'id',
    'serviceId',
    'scheduleId',
    'startsAt',
    'endsAt',
    'localDate',
    'localTime',
    'allDay',
    'capacity',
    'booked',
    'remaining',
    'status',
  ],
};

export const SESSION_LIST_SCHEMA = { type: 'array', items: SESSION_SCHEMA } as const;
