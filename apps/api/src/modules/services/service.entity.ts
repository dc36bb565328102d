import type { AvailabilityStatus, ServiceCategory } from '@marquee/contracts';
import { Check, Column, DeleteDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../../database/timestamps.js';

@Entity('services')
@Index('IDX_services_category', ['category'])
@Index('IDX_services_price', ['priceCents'])
@Index('IDX_services_name', ['name'])
@Index('IDX_services_live_name', ['deletedAt', 'name'])
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

  @DeleteDateColumn({ type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;
}

/**
 * How many places are taken for a service on a day: the single source of truth for capacity. The
 * database refuses a negative count (migration 1795700000000), so a place released twice fails loudly.
 */
@Entity('service_day_inventory')
@Check('CHK_service_day_inventory_booked', 'booked >= 0')
export class ServiceDayInventory {
  @PrimaryColumn({ type: 'int' })
  @ForeignKey(() => Service, { name: 'FK_92c55a9cb6e80aa8e0ac7d7443d', onDelete: 'CASCADE' })
  serviceId!: number;

  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'int', default: 0 })
  booked!: number;
}
