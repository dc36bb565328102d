import type { MessageStatus } from '@marquee/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Claimable } from '../../database/claimable.js';

/**
 * One message to send, written in the transaction of the change that causes it (the transactional
 * outbox). A dispatcher claims it (`sending`, with a lease until `claimedUntil`), sends it and marks it
 * `sent`; a failure puts it back to `pending` for `nextAttemptAt`, or `dead` after the last attempt. A
 * `sending` row whose lease has run out (its process died mid-send) is due again.
 */
@Entity('outbox')
@Index('IDX_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxMessage extends Claimable {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The template: `templates/<kind>.html` and `.txt`. */
  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  /** The template's values, as JSON. */
  @Column({ type: 'text' })
  payload!: string;

  /** Files sent with the message, as JSON (see MessageAttachment); null: none. */
  @Column({ type: 'text', nullable: true })
  attachments!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: MessageStatus;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;
}
