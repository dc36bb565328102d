import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers of a Marquee webhook (Standard Webhooks). */
export interface WebhookHeaders {
  'webhook-id'?: string | null;
  'webhook-timestamp'?: string | null;
  'webhook-signature'?: string | null;
}

/** The body of every webhook: `{ id, type, createdAt, data }`, `data` as the API answers the resource. */
export interface MarqueeEvent<T = unknown> {
  id: string;
  type: string;
  createdAt: string;
  data: T;
}

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

/**
 * Checks a webhook as the Standard Webhooks spec says — the HMAC-SHA256 of `id.timestamp.body` with the
 * secret's bytes (base64 after `whsec_`) is one of the `v1,` signatures, and the timestamp is within
 * `toleranceSeconds` of now — and answers the parsed event. Pass the body exactly as received.
 */
export function verifyWebhook<T = unknown>(
  secret: string,
  headers: WebhookHeaders | Headers | Record<string, string | string[] | undefined>,
  body: string,
  { toleranceSeconds = 300, now = new Date() }: { toleranceSeconds?: number; now?: Date } = {},
): MarqueeEvent<T> {
  const header = (name: keyof WebhookHeaders): string => {
    const value = headers instanceof Headers ? headers.get(name) : (headers as Record<string, unknown>)[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text !== 'string' || text === '') throw new WebhookVerificationError(`the ${name} header is missing`);
    return text;
  };
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now.getTime() / 1000 - seconds) > toleranceSeconds) {
    throw new WebhookVerificationError('the webhook-timestamp is not within the tolerance');
  }
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  const matches = header('webhook-signature')
    .split(' ')
    .filter((signature) => signature.startsWith('v1,'))
    .some((signature) => {
      const given = Buffer.from(signature.slice(3), 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  if (!matches) throw new WebhookVerificationError('no signature matches');
  return JSON.parse(body) as MarqueeEvent<T>;
}
