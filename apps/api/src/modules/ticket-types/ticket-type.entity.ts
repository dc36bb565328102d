import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Timestamped } from '../../database/timestamps.js';
import { Service } from '../services/service.entity.js';

/** A kind of ticket (Adult, Child …) sold for a service's sessions; they share the session's capacity. */
@Entity('ticket_types')
@Index('IDX_ticket_types_service_position', ['serviceId', 'position'])
export class TicketType extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  serviceId!: number;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_ticket_types_service' })
  service?: Relation<Service>;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'int' })
  priceCents!: number;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;
}
