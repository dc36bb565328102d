import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Timestamped } from '../../database/timestamps.js';
import { Service } from '../services/service.entity.js';

/** A weekly pattern of sessions: on `weekdays` (ISO 1–7, "1,3,5") at local `times` ("10:00,14:00"). */
@Entity('schedules')
export class Schedule extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  serviceId!: number;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_schedules_service' })
  service?: Relation<Service>;

  @Column({ type: 'varchar', length: 20 })
  weekdays!: string;

  @Column({ type: 'varchar', length: 500 })
  times!: string;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  /** Places per session; null: the service's capacity. */
  @Column({ type: 'int', nullable: true })
  capacity!: number | null;
}
