import { randomUUID } from 'node:crypto';
import { WEBHOOK_TEST_EVENT } from '@marquee/contracts';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DrainLoop } from '../../common/drain-loop.js';
import { AppConfig } from '../../config/app-config.js';
import { Outbox } from '../messages/outbox.js';
import type { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** Deliveries claimed and sent at once by one process. */
const BATCH = 5;
/** A claim outlives the longest attempt (WEBHOOK_TIMEOUT_MS) with room to spare. */
const LEASE_TIMEOUTS = 4;
const MINUTE_MS = 60_000;
/**
 * The wait after each failed attempt: 1 m, 5 m, 30 m, 2 h, 6 h, 12 h, 24 h. After the eighth attempt
 * (about 45 hours after the first) the delivery has failed.
 */
export const RETRY_DELAYS_MS = [1, 5, 30, 120, 360, 720, 1440].map((minutes) => minutes * MINUTE_MS);

/**
 * Delivers webhook deliveries in every API process, like the e-mail outbox's dispatcher: at start,
 * every WEBHOOK_POLL_INTERVAL_MS and after a commit of this process queued something; each round
 * claims a few due deliveries under a lease, sends them and records each attempt.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly loop = new DrainLoop(
    () => this.round(),
    BATCH,
    (error) => this.logger.warn(`Delivering webhooks failed: ${String(error)}`),
  );
  private stopListening?: () => void;

  constructor(
    private readonly config: AppConfig,
    private readonly repository: WebhooksRepository,
    private readonly sender: WebhookSender,
    private readonly outbox: Outbox,
  ) {}

  onApplicationBootstrap(): void {
    this.stopListening = this.outbox.onEnqueued('webhooks', () => this.loop.wake());
    this.loop.start(this.config.webhooks.pollIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    await this.loop.stop();
  }

  /** Asks for a round now (after a retry an admin asked for). */
  wake(): void {
    this.loop.wake();
  }

  /** A new claim's id and how long it holds what it claims from now. */
  lease(): { claim: string; leaseUntil: Date } {
    return { claim: randomUUID(), leaseUntil: new Date(Date.now() + LEASE_TIMEOUTS * this.config.webhooks.timeoutMs) };
  }

  /**
   * Makes one attempt of a delivery held by `claim` and records it; the outcome stays with the
   * delivery. A test event is not retried.
   */
  async attempt(delivery: WebhookDelivery, claim: string): Promise<void> {
    const endpoint = await this.repository.findEndpoint(delivery.endpointId);
    if (!endpoint) return;
    const outcome = await this.sender.send({ url: endpoint.url, secret: endpoint.secret, id: delivery.eventId, body: delivery.payload });
    const delay = delivery.eventType === WEBHOOK_TEST_EVENT ? undefined : RETRY_DELAYS_MS[delivery.attempts - 1];
    const retryAt = outcome.delivered || delay === undefined ? undefined : new Date(Date.now() + delay);
    const attempt = `Webhook delivery ${delivery.id} (${delivery.eventType} to endpoint ${endpoint.id}) attempt ${delivery.attempts}`;
    if (outcome.delivered) this.logger.log(`${attempt}: delivered (${outcome.status})`);
    else this.logger.warn(`${attempt} failed: ${outcome.error}; ${retryAt ? `next at ${retryAt.toISOString()}` : 'no more attempts'}`);
    if (await this.repository.record(delivery, claim, outcome, retryAt)) {
      this.logger.warn(`Webhook endpoint ${endpoint.id} disabled: its deliveries have failed for 5 days`);
    }
  }

  /** One claim and its attempts; answers how many deliveries it claimed. */
  private async round(): Promise<number> {
    const { claim, leaseUntil } = this.lease();
    const deliveries = await this.repository.claim(claim, new Date(), leaseUntil, BATCH);
    await Promise.all(deliveries.map((delivery) => this.attempt(delivery, claim)));
    return deliveries.length;
  }
}
