import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { TicketType } from '../ticket-types/ticket-type.entity.js';
import { Booking } from './booking.entity.js';

/** One ticket line of a booking; name and unit price are snapshots taken when it was booked. */
@Entity('booking_items')
export class BookingItem {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  bookingId!: number;

  @ManyToOne(() => Booking, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'booking_id', foreignKeyConstraintName: 'FK_booking_items_booking' })
  booking?: Relation<Booking>;

  @Column({ type: 'int' })
  ticketTypeId!: number;

  @ManyToOne(() => TicketType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_type_id', foreignKeyConstraintName: 'FK_booking_items_ticket_type' })
  ticketType?: Relation<TicketType>;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'int' })
  unitPriceCents!: number;

  @Column({ type: 'int' })
  quantity!: number;
}
