import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type TransactionCommitEvent } from 'typeorm';
import { utcDateTime } from '../../database/plain-rows.js';
import type { TemplateValues } from './templates.js';

/**
 * A file sent with a message: an attachment, or (with `cid`) an image the HTML part shows inline as
 * `cid:<cid>`. Its bytes are `content` (base64), or a QR code of `qrText` as a PNG image, drawn
 * when the message is sent (not in the transaction that queues it).
 */
export type MessageAttachment = { filename: string; cid?: string } & (
  { contentType: string; content: string } | { contentType: 'image/png'; qrText: string }
);

export interface NewMessage {
  /** The template (`templates/<kind>.html` and `.txt`). */
  kind: string;
  recipient: string;
  values: TemplateValues;
  attachments?: MessageAttachment[];
}

const ENQUEUED = 'outboxEnqueued';

/** The queues written through the outbox's claim machinery, each with its own dispatcher. */
export type OutboxQueue = 'mail' | 'webhooks';

/**
 * Where every message starts: `enqueue` writes it in the caller's transaction, so it exists exactly
 * when the change that causes it commits. Once that transaction commits, the dispatcher of this
 * process is woken (the others find the message at their next poll).
 */
@Injectable()
export class Outbox implements EntitySubscriberInterface {
  private readonly listeners = new Set<{ queue: OutboxQueue; listener: () => void }>();

  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  async enqueue(manager: EntityManager, { kind, recipient, values, attachments }: NewMessage): Promise<void> {
    // Plain SQL on the booking's hot path: TypeORM's insert would read the generated columns back.
    await manager.query('INSERT INTO outbox (kind, recipient, payload, attachments, next_attempt_at) VALUES (?, ?, ?, ?, ?)', [
      kind,
      recipient,
      JSON.stringify(values),
      attachments?.length ? JSON.stringify(attachments) : null,
      utcDateTime(new Date()),
    ]);
    this.enqueued(manager, 'mail');
  }

  /** Something was queued on `queue` through `manager`: its listeners hear of it once its transaction commits. */
  enqueued(manager: EntityManager, queue: OutboxQueue): void {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      const data = (runner.data ?? {}) as Record<string, unknown>;
      const queues = (data[ENQUEUED] as Set<OutboxQueue> | undefined) ?? new Set<OutboxQueue>();
      runner.data = { ...data, [ENQUEUED]: queues.add(queue) };
    } else this.notify(queue);
  }

  /** Calls `listener` after each commit that queued something on `queue` (and after each retry an admin asks for). */
  onEnqueued(queue: OutboxQueue, listener: () => void): () => void {
    const entry = { queue, listener };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  notify(queue: OutboxQueue): void {
    for (const entry of this.listeners) if (entry.queue === queue) entry.listener();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown> | undefined;
    const queues = data?.[ENQUEUED] as Set<OutboxQueue> | undefined;
    if (!data || !queues) return;
    delete data[ENQUEUED];
    for (const queue of queues) this.notify(queue);
  }
}
