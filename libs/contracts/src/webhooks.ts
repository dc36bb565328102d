/** The events a webhook endpoint can subscribe to (DESIGN §8). */
export const WEBHOOK_EVENTS = [
  'booking.created',
  'booking.cancelled',
  'booking.completed',
  'booking.checked_in',
  'session.cancelled',
  'service.created',
  'service.updated',
  'service.deleted',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The type of the event `POST /api/webhooks/{id}/test` sends; no endpoint subscribes to it. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/**
 * A delivery's state: `pending` (due at `nextAttemptAt`), `sending` (an attempt in flight),
 * `delivered` (a 2xx answer), `failed` (every attempt failed, or its endpoint was disabled).
 */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
