import { Injectable } from '@nestjs/common';
import { toCsv } from '../../common/csv.js';
import { localParts } from '../../common/venue-clock.js';
import { notFound } from '../../common/problem.js';
import { AppConfig } from '../../config/app-config.js';
import { SessionsRepository } from './sessions.repository.js';
import { AttendeesRepository } from './attendees.repository.js';
import type { AttendeeDto } from './dto/attendee.dto.js';

/** A file to download: its name and content. */
export interface Download {
  filename: string;
  content: string;
}

const CSV_HEADER = ['Reference', 'Status', 'Name', 'Email', 'Quantity', 'Tickets', 'Checked in at', 'Booked at'];

/** The attendee list of a session, for staff: JSON, or CSV for a spreadsheet. */
@Injectable()
export class AttendeesService {
  constructor(
    private readonly attendees: AttendeesRepository,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
  ) {}

  async list(sessionId: number): Promise<AttendeeDto[]> {
    await this.requireSession(sessionId);
    const [bookings, tickets] = await Promise.all([this.attendees.bookings(sessionId), this.attendees.tickets(sessionId)]);
    return bookings.map((booking) => ({
      ...booking,
      tickets: tickets
        .filter(({ bookingId }) => bookingId === booking.bookingId)
        .map(({ ticketTypeId, name, unitPriceCents, quantity }) => ({ ticketTypeId, name, unitPriceCents, quantity })),
    }));
  }

  /** The list as CSV (RFC 4180, formulas defused), named after the session's local date and time. */
  async csv(sessionId: number): Promise<Download> {
    const session = await this.requireSession(sessionId);
    const rows = (await this.list(sessionId)).map((attendee) => [
      attendee.reference,
      attendee.status,
      attendee.customer.name,
      attendee.customer.email,
      attendee.quantity,
      attendee.tickets.map(({ name, quantity }) => `${quantity} × ${name}`).join('; '),
      attendee.checkedInAt?.toISOString() ?? null,
      attendee.createdAt.toISOString(),
    ]);
    const time = localParts(session.startsAt, this.config.venueTimeZone).time.replace(':', '');
    return { filename: `attendees-session-${sessionId}-${session.localDate}-${time}.csv`, content: toCsv(CSV_HEADER, rows) };
  }

  private async requireSession(id: number) {
    const session = await this.sessions.find(undefined, id);
    if (!session) throw notFound(`Session ${id}`);
    return session;
  }
}
