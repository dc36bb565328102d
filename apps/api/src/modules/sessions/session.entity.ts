import type { SessionStatus } from '@marquee/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Timestamped } from '../../database/timestamps.js';
import { Schedule } from '../schedules/schedule.entity.js';
import { Service } from '../services/service.entity.js';

/**
 * One start time of one service, and how many of its places are taken: `booked` is the single source
 * of truth for capacity, changed only by the conditional UPDATEs of SessionsRepository. An all-day
 * session runs from the venue's local midnight of `localDate` to the next. The database refuses a
 * negative count, so a place released twice fails loudly.
 */
@Entity('sessions')
@Index('UQ_sessions_service_start', ['serviceId', 'startsAt'], { unique: true })
@Index('IDX_sessions_service_date', ['serviceId', 'localDate'])
@Index('IDX_sessions_service_timed', ['serviceId', 'allDay', 'startsAt'])
@Check('CHK_sessions_booked', 'booked >= 0')
export class Session extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  serviceId!: number;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_sessions_service' })
  service?: Relation<Service>;

  @Column({ type: 'int', nullable: true })
  scheduleId!: number | null;

  @ManyToOne(() => Schedule, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'schedule_id', foreignKeyConstraintName: 'FK_sessions_schedule' })
  schedule?: Relation<Schedule>;

  @Column({ type: 'datetime', precision: 3 })
  startsAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  endsAt!: Date;

  @Column({ type: 'date' })
  localDate!: string;

  @Column({ type: 'boolean' })
  allDay!: boolean;

  @Column({ type: 'int' })
  capacity!: number;

  @Column({ type: 'int', default: 0 })
  booked!: number;

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status!: SessionStatus;
}
