import type { BookingStatus } from '@marquee/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Timestamped } from '../../database/timestamps.js';
import { Service } from '../services/service.entity.js';
import { Session } from '../sessions/session.entity.js';

@Entity('bookings')
@Index('UQ_bookings_reference', ['reference'], { unique: true })
export class Booking extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  userId!: number;

  @Column({ type: 'int' })
  serviceId!: number;

  @ManyToOne(() => Service)
  @JoinColumn({ name: 'service_id' })
  service!: Relation<Service>;

  @Column({ type: 'int' })
  sessionId!: number;

  @ManyToOne(() => Session, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_bookings_session' })
  session?: Relation<Session>;

  /** What the customer quotes: 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L). */
  @Column({ type: 'varchar', length: 8 })
  reference!: string;

  /** The session's local date. */
  @Column({ type: 'date' })
  bookingDate!: string;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ type: 'int' })
  unitPriceCents!: number;

  @Column({ type: 'int' })
  totalCents!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: BookingStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  notes!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  idempotencyKey!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  cancelledAt!: Date | null;
}
