import type { BookingStatus } from '@marquee/contracts';
import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Timestamped } from '../../database/timestamps.js';
import { Service } from '../services/service.entity.js';
import { Session } from '../sessions/session.entity.js';
import { User } from '../users/user.entity.js';

@Entity('bookings')
@Index('IDX_bookings_user_date', ['userId', 'bookingDate'])
@Index('IDX_bookings_service_date', ['serviceId', 'bookingDate'])
@Index('UQ_bookings_user_idempotency', ['userId', 'idempotencyKey'], { unique: true })
@Index('UQ_bookings_reference', ['reference'], { unique: true })
@Index('IDX_bookings_updated', ['updatedAt'])
@Index('IDX_bookings_user_updated', ['userId', 'updatedAt'])
export class Booking extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  @ForeignKey(() => User, { name: 'FK_64cd97487c5c42806458ab5520c', onDelete: 'RESTRICT' })
  userId!: number;

  @Column({ type: 'int' })
  serviceId!: number;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_df22e2beaabc33a432b4f65e3c2' })
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

  /** When the ticket was first scanned at the door; null: not (yet). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  checkedInAt!: Date | null;

  /** The staff member who checked it in (a user id). */
  @Column({ type: 'int', nullable: true })
  checkedInBy!: number | null;

  /** When the reminder of its session (24 hours before) was queued; null: not yet. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  remindedAt!: Date | null;
}
