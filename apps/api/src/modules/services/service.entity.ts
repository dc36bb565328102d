import type { AvailabilityStatus, ServiceCategory } from '@marquee/contracts';
import { Column, DeleteDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../../database/timestamps.js';

@Entity('services')
@Index('IDX_services_category', ['category'])
@Index('IDX_services_price', ['priceCents'])
@Index('IDX_services_name', ['name'])
@Index('IDX_services_live_name', ['deletedAt', 'name'])
@Index('IDX_services_live_updated', ['deletedAt', 'updatedAt'])
export class Service extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 20 })
  category!: ServiceCategory;

  @Column({ type: 'int' })
  priceCents!: number;

  @Column({ type: 'varchar', length: 3, default: 'USD' })
  currency!: string;

  @Column({ type: 'int' })
  durationMinutes!: number;

  @Column({ type: 'int' })
  capacity!: number;

  @Column({ type: 'varchar', length: 20, default: 'available' })
  availabilityStatus!: AvailabilityStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  imageUrl!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location!: string | null;

  /** The stored picture's key (see pictures/picture-key.ts); null without a picture. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  imageKey!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  imageAlt!: string | null;

  /** Sales of a session close this many minutes before it starts. */
  @Column({ type: 'int', default: 0 })
  salesCloseMinutes!: number;

  /** Customers may cancel until this many hours before their session starts (staff until it ends). */
  @Column({ type: 'int', default: 0 })
  cancellationCutoffHours!: number;

  @DeleteDateColumn({ type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;
}
