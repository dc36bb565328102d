import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatMoney } from '@marquee/contracts';
import { AppConfig } from '../../config/app-config.js';
import { Outbox, type MessageAttachment } from '../messages/outbox.js';
import { BookingCalendar } from '../tickets/booking-calendar.js';
import { TicketSigner } from '../tickets/ticket-signer.js';
import { BookingsRepository, type BookingView } from './bookings.repository.js';

/** Who cancelled a booking, as its cancellation message says. */
export type CancelledBy = 'customer' | 'staff' | 'session';

const CANCELLED_BY: Record<CancelledBy, string> = {
  customer: 'You cancelled this booking.',
  staff: "The venue's staff cancelled this booking.",
  session: 'The venue cancelled the session, and this booking with it.',
};

/** The web's page of a customer's bookings. */
const MY_BOOKINGS = '/bookings';
/** The Content-ID of the QR e-ticket, which booking-confirmed.html shows as `cid:ticket-qr@marquee`. */
const TICKET_QR_CID = 'ticket-qr@marquee';

/**
 * What customers are told about changes to their bookings (DESIGN §7). Each call runs in the
 * transaction of the change and reads the bookings there, so the message is queued (an outbox row)
 * if and only if the change commits, and tells the booking as it was committed. Times are the
 * venue's (`VENUE_TIMEZONE`); an all-day session shows its date only.
 */
@Injectable()
export class CustomerMessages {
  private readonly timed: Intl.DateTimeFormat;
  private readonly dated = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'full' });

  constructor(
    private readonly outbox: Outbox,
    private readonly bookings: BookingsRepository,
    private readonly config: AppConfig,
    private readonly signer: TicketSigner,
    private readonly calendar: BookingCalendar,
  ) {
    this.timed = new Intl.DateTimeFormat('en-GB', { timeZone: config.venueTimeZone, dateStyle: 'full', timeStyle: 'short' });
  }

  /** A booking was made (not replayed): its confirmation, with the QR e-ticket inline and the booking as a calendar file. */
  bookingConfirmed(manager: EntityManager, view: BookingView): Promise<void> {
    const { booking } = view;
    const attachments: MessageAttachment[] = [
      { filename: `e-ticket-${booking.reference}.png`, contentType: 'image/png', qrText: this.signer.codeFor(booking), cid: TICKET_QR_CID },
      {
        filename: this.calendar.filename(view),
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        content: Buffer.from(this.calendar.render(view)).toString('base64'),
      },
    ];
    return this.enqueue(manager, 'booking-confirmed', [view], undefined, attachments);
  }

  /** The session of a booking starts within a day: its reminder. */
  bookingReminder(manager: EntityManager, view: BookingView): Promise<void> {
    return this.enqueue(manager, 'booking-reminder', [view]);
  }

  /** A booking was cancelled by its customer or by staff (`booking` as the cancellation left it). */
  bookingCancelled(manager: EntityManager, booking: BookingView, by: Exclude<CancelledBy, 'session'>): Promise<void> {
    return this.enqueue(manager, 'booking-cancelled', [booking], by);
  }

  /** These bookings were cancelled with their session (as the cancellation left them): one message per booking. */
  sessionCancelled(manager: EntityManager, bookings: BookingView[]): Promise<void> {
    return this.enqueue(manager, 'booking-cancelled', bookings, 'session');
  }

  private async enqueue(
    manager: EntityManager,
    kind: string,
    views: BookingView[],
    by?: CancelledBy,
    attachments?: MessageAttachment[],
  ): Promise<void> {
    const customers = await this.bookings.customers([...new Set(views.map((view) => view.booking.userId))], manager);
    for (const view of views) {
      const customer = customers.get(view.booking.userId);
      if (!customer) continue;
      const values = { name: customer.name, ...this.describe(view), ...(by && { cancelledBy: CANCELLED_BY[by] }) };
      await this.outbox.enqueue(manager, { kind, recipient: customer.email, values, attachments });
    }
  }

  /** The values every booking message shows. */
  private describe(view: BookingView) {
    const { booking } = view;
    const money = (minor: number) => formatMoney(minor, booking.currency);
    return {
      reference: booking.reference,
      service: view.serviceName,
      when: view.allDay ? this.dated.format(new Date(`${booking.bookingDate}T00:00:00Z`)) : this.timed.format(view.startsAt),
      location: view.location ?? 'the venue',
      tickets: view.items.map((item) => ({
        ticket: item.name,
        quantity: item.quantity,
        unitPrice: money(item.unitPriceCents),
        amount: money(item.quantity * item.unitPriceCents),
      })),
      total: money(booking.totalCents),
      link: `${this.config.mail.publicUrl}${MY_BOOKINGS}`,
    };
  }
}
