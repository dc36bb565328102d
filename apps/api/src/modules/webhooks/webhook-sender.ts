import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { resolveTarget, type ResolvedTarget } from './webhook-target.js';
import { webhookSignature } from './webhook-signature.js';

/** The most of an answer's body kept with the delivery. */
export const EXCERPT_BYTES = 2048;

/** One attempt's outcome: the answer's status and the start of its body, or why there was none. */
export interface AttemptOutcome {
  delivered: boolean;
  status: number | null;
  excerpt: string | null;
  error: string | null;
}

export interface WebhookMessage {
  url: string;
  secret: string;
  /** The event id: the `webhook-id` header. */
  id: string;
  body: string;
}

/**
 * Sends one signed webhook request: resolves the URL's host and refuses non-public addresses (unless
 * WEBHOOK_ALLOW_PRIVATE_TARGETS), connects to the address it checked, gives up after
 * WEBHOOK_TIMEOUT_MS, follows no redirect. A 2xx answer is delivered; anything else is a failure.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: AppConfig) {}

  async send(message: WebhookMessage): Promise<AttemptOutcome> {
    const { allowPrivateTargets, timeoutMs } = this.config.webhooks;
    const url = new URL(message.url);
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      const target = await Promise.race([resolveTarget(url, allowPrivateTargets), aborted(deadline)]);
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await post(url, target, deadline, message.body, {
        'content-type': 'application/json',
        'user-agent': 'Marquee-Webhooks/1',
        'webhook-id': message.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': webhookSignature(message.secret, message.id, timestamp, message.body),
      });
      const delivered = response.status >= 200 && response.status < 300;
      return { delivered, ...response, error: delivered ? null : `answered ${response.status}` };
    } catch (error) {
      const reason = deadline.aborted ? `timed out after ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
      return { delivered: false, status: null, excerpt: null, error: reason };
    }
  }
}

/** Rejects when `signal` aborts (a slow DNS answer ends with the attempt's deadline). */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
}

/** POSTs `body` to `url` over a connection to `target` (TLS still checks the URL's host name). */
function post(
  url: URL,
  target: ResolvedTarget,
  signal: AbortSignal,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; excerpt: string }> {
  // The connection goes to the checked address whatever the resolver would answer now (no DNS rebinding).
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup, signal });
    req.once('error', reject);
    req.once('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const done = () => {
        response.destroy();
        resolve({ status: response.statusCode ?? 0, excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8') });
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        kept += chunk.length;
        if (kept >= EXCERPT_BYTES) done();
      });
      response.once('end', done);
      // Cut off mid-body (the deadline, the peer): the status and what came are still the answer's.
      response.once('close', done);
      response.once('error', reject);
    });
    req.end(body);
  });
}
