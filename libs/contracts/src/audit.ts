/** What the audit log records: staff actions on the catalogue, bookings, users and roles, API keys made and revoked, and webhook endpoints. */
export const AUDIT_ACTIONS = [
  'service.created',
  'service.updated',
  'service.capacity-changed',
  'service.deleted',
  'ticket-type.created',
  'ticket-type.updated',
  'ticket-type.deleted',
  'session.created',
  'session.capacity-changed',
  'session.cancelled',
  'schedule.created',
  'schedule.updated',
  'schedule.deleted',
  'booking.cancelled',
  'booking.completed',
  'booking.deleted',
  'booking.checked-in',
  'user.updated',
  'user.deleted',
  'role.created',
  'role.updated',
  'role.deleted',
  'api-key.created',
  'api-key.revoked',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGETS = ['service', 'ticket-type', 'schedule', 'session', 'booking', 'user', 'role', 'api-key', 'webhook'] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];
