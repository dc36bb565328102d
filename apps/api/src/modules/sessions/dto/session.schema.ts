import { dateTime, int32, nullable, type ObjectSchema } from '../../../common/dto/response-schema.js';

/** SessionDto as a JSON schema, for the compiled serializer of a service's sessions (240 rows for 30 days of 8 a day). */
export const SESSION_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    id: int32,
    serviceId: int32,
    scheduleId: { ...nullable('integer'), format: 'int32' },
    startsAt: dateTime,
    endsAt: dateTime,
    localDate: { type: 'string' },
    localTime: { type: 'string' },
    allDay: { type: 'boolean' },
    capacity: int32,
    booked: int32,
    remaining: int32,
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
