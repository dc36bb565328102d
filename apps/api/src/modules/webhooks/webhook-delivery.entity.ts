import type { WebhookDeliveryStatus } from '@marquee/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Claimable } from '../../database/claimable.js';

/**
 * One event for one endpoint, written in the transaction of the change that causes it (the
 * transactional outbox, claimed like the e-mail outbox: `sending` under a lease until `claimedUntil`).
 * Delivered on a 2xx answer; otherwise pending again at `nextAttemptAt`, or `failed` after the last
 * attempt. `payload` is the exact body every attempt sends and signs.
 */
@Entity('webhook_deliveries')
@Index('IDX_webhook_deliveries_due', ['status', 'nextAttemptAt'])
@Index('IDX_webhook_deliveries_endpoint', ['endpointId', 'id'])
export class WebhookDelivery extends Claimable {
  @PrimaryGeneratedColumn()
  id!: number;

  /** No foreign key: an event written while its endpoint is being deleted must not fail the change that caused it. */
  @Column({ type: 'int' })
  endpointId!: number;

  /** The event's id (`msg_…`): the payload's `id` and the `webhook-id` header, the same on every attempt. */
  @Column({ type: 'varchar', length: 40 })
  eventId!: string;

  @Column({ type: 'varchar', length: 40 })
  eventType!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: WebhookDeliveryStatus;

  /** The HTTP status of the last answer; null when there was none (refused, unreachable, timed out). */
  @Column({ type: 'int', nullable: true })
  responseStatus!: number | null;

  /** The start of the last answer's body (at most 2 kB). */
  @Column({ type: 'text', nullable: true })
  responseExcerpt!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deliveredAt!: Date | null;
}
