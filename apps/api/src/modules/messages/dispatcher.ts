import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DrainLoop } from '../../common/drain-loop.js';
import { AppConfig } from '../../config/app-config.js';
import { Mailer } from './mailer.js';
import type { OutboxMessage } from './outbox-message.entity.js';
import { OutboxRepository } from './outbox.repository.js';
import { Outbox, type MessageAttachment } from './outbox.js';
import { MessageTemplates, type TemplateValues } from './templates.js';

/** Messages claimed and sent at once by one process. */
const BATCH = 5;
const MAX_BACKOFF_MS = 6 * 3_600_000;
/** A claim outlives the longest send (MAIL_SEND_TIMEOUT_MS) with room to spare. */
const LEASE_SEND_TIMEOUTS = 4;

/**
 * Drains the outbox in every API process: at start, every MAIL_POLL_INTERVAL_MS, and at once after a
 * commit of this process enqueued a message. Each round claims a few due messages (a lease, so no two
 * processes send one message), sends them, and records the outcome: sent; or pending again after an
 * exponential backoff with jitter; or dead after MAIL_MAX_ATTEMPTS. A process that dies mid-send
 * leaves its claim to run out, and the message is due again.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly loop = new DrainLoop(
    () => this.round(),
    BATCH,
    (error) => this.logger.warn(`Delivering the outbox failed: ${String(error)}`),
  );
  private stopListening?: () => void;

  constructor(
    private readonly config: AppConfig,
    private readonly repository: OutboxRepository,
    private readonly outbox: Outbox,
    private readonly templates: MessageTemplates,
    private readonly mailer: Mailer,
  ) {}

  onApplicationBootstrap(): void {
    this.stopListening = this.outbox.onEnqueued('mail', () => this.loop.wake());
    this.loop.start(this.config.mail.pollIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    await this.loop.stop();
  }

  /** One claim and its sends; answers how many messages it claimed. */
  private async round(): Promise<number> {
    const now = new Date();
    const claim = randomUUID();
    const leaseUntil = new Date(now.getTime() + LEASE_SEND_TIMEOUTS * this.config.mail.sendTimeoutMs);
    const messages = await this.repository.claim(claim, now, leaseUntil, BATCH);
    await Promise.all(messages.map((message) => this.deliver(message, claim)));
    return messages.length;
  }

  private async deliver(message: OutboxMessage, claim: string): Promise<void> {
    try {
      const rendered = this.templates.render(message.kind, JSON.parse(message.payload) as TemplateValues);
      const attachments = message.attachments ? (JSON.parse(message.attachments) as MessageAttachment[]) : [];
      await this.mailer.send({ id: message.id, to: message.recipient, ...rendered, attachments });
      await this.repository.markSent(message.id, claim);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const retryAt = message.attempts < this.config.mail.maxAttempts ? new Date(Date.now() + this.backoffMs(message.attempts)) : undefined;
      this.logger.warn(
        `Message ${message.id} (${message.kind}) attempt ${message.attempts} failed: ${reason}; ${retryAt ? `next at ${retryAt.toISOString()}` : 'dead'}`,
      );
      await this.repository.markFailed(message.id, claim, reason, retryAt);
    }
  }

  /** MAIL_RETRY_BASE_MS × 2^(attempt − 1), ±50 % jitter, at most six hours. */
  private backoffMs(attempt: number): number {
    const exponential = this.config.mail.retryBaseMs * 2 ** Math.min(attempt - 1, 30);
    return Math.min(MAX_BACKOFF_MS, exponential) * (0.5 + Math.random());
  }
}
