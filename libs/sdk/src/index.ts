import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';
export { verifyWebhook, WebhookVerificationError, type MarqueeEvent, type WebhookHeaders } from './webhooks.js';

export interface MarqueeClientOptions {
  /** Where the API is: `https://tickets.example.com` (the paths start with `/api`). */
  baseUrl: string;
  /** An API key (`mk_…`, from POST /api/api-keys or the profile page), or an access token. */
  apiKey?: string;
  /** Another fetch (tests, proxies); the global one by default. */
  fetch?: typeof globalThis.fetch;
}

/** A typed client of every operation in Marquee's OpenAPI document. */
export type MarqueeClient = Client<paths>;

/**
 * A client of the Marquee API: `client.GET('/api/services/{id}/sessions', { params: { path: { id }, query: { from, to } } })`
 * answers `{ data, error, response }` with the types of the contract (openapi-fetch).
 */
export function createMarqueeClient({ baseUrl, apiKey, fetch }: MarqueeClientOptions): MarqueeClient {
  const client = createClient<paths>({ baseUrl: baseUrl.replace(/\/+$/, ''), ...(fetch && { fetch }) });
  if (apiKey) {
    client.use({
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${apiKey}`);
        return request;
      },
    });
  }
  return client;
}
