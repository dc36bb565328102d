import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../../database/timestamps.js';

/**
 * An integrator's URL that receives the events it subscribed to, signed with its secret. An endpoint
 * whose deliveries keep failing is disabled (`disabledAt`) once `failingSince` is five days old.
 */
@Entity('webhook_endpoints')
export class WebhookEndpoint extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** The subscribed event types, comma-separated. */
  @Column({ type: 'varchar', length: 400 })
  events!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description!: string;

  /** `whsec_` and the base64 of the signing key (the receiver holds it too, so it is kept as is). */
  @Column({ type: 'varchar', length: 64 })
  secret!: string;

  /** The first failed attempt since the last delivered one; null while deliveries succeed. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  failingSince!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  disabledAt!: Date | null;
}
