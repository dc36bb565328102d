import type { BookingStatus } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { readInstant } from '../../database/plain-rows.js';

export interface AttendeeRow {
  bookingId: number;
  reference: string;
  status: BookingStatus;
  quantity: number;
  createdAt: Date;
  checkedInAt: Date | null;
  customer: { id: number; name: string; email: string };
}

export interface AttendeeTicketRow {
  bookingId: number;
  ticketTypeId: number;
  name: string;
  unitPriceCents: number;
  quantity: number;
}

/** The SQL of a session's attendee list: its bookings with their customers and ticket lines. */
@Injectable()
export class AttendeesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The session's bookings (every status), oldest first. */
  async bookings(sessionId: number): Promise<AttendeeRow[]> {
    const rows: Record<string, string | number | Date | null>[] = await this.dataSource.query(
      'SELECT b.id, b.reference, b.status, b.quantity, b.created_at, b.checked_in_at, u.id AS user_id, u.name, u.email ' +
        'FROM bookings b JOIN users u ON u.id = b.user_id WHERE b.session_id = ? ORDER BY b.id',
      [sessionId],
    );
    return rows.map((row) => ({
      bookingId: Number(row.id),
      reference: String(row.reference),
      status: row.status as BookingStatus,
      quantity: Number(row.quantity),
      createdAt: readInstant(row.created_at),
      checkedInAt: row.checked_in_at === null ? null : readInstant(row.checked_in_at),
      customer: { id: Number(row.user_id), name: String(row.name), email: String(row.email) },
    }));
  }

  /** The ticket lines of the session's bookings, in the order they were booked. */
  async tickets(sessionId: number): Promise<AttendeeTicketRow[]> {
    const rows: Record<string, string | number>[] = await this.dataSource.query(
      'SELECT bi.booking_id, bi.ticket_type_id, bi.name, bi.unit_price_cents, bi.quantity ' +
        'FROM booking_items bi JOIN bookings b ON b.id = bi.booking_id WHERE b.session_id = ? ORDER BY bi.id',
      [sessionId],
    );
    return rows.map((row) => ({
      bookingId: Number(row.booking_id),
      ticketTypeId: Number(row.ticket_type_id),
      name: String(row.name),
      unitPriceCents: Number(row.unit_price_cents),
      quantity: Number(row.quantity),
    }));
  }
}
