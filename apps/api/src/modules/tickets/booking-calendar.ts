import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { BookingView } from '../bookings/bookings.repository.js';

/** RFC 5545 §3.1: content lines are folded at 75 octets. */
const LINE_OCTETS = 75;

/** RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`. */
const text = (value: string) => value.replace(/[\\;,]/g, (character) => `\\${character}`).replace(/\r\n|\r|\n/g, '\\n');

/** `20261201T183000Z`: DATE-TIME in UTC. */
const utcStamp = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** `20261201`: DATE. */
const dateStamp = (date: string) => date.replace(/-/g, '');

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Folds one content line: at most 75 octets a line, continuation lines starting with a space, never
 * splitting a UTF-8 character.
 */
function fold(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character);
    const limit = lines.length === 0 ? LINE_OCTETS : LINE_OCTETS - 1;
    if (octets + size > limit) {
      lines.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n ');
}

/**
 * A booking as an iCalendar file (RFC 5545) with one event: its UID stays the same for the booking
 * (`booking-<id>@<PUBLIC_URL's host>`), so that importing it again updates the event; times are
 * UTC, an all-day session is a DATE from its day to the next; a cancelled booking's event says
 * STATUS:CANCELLED.
 */
@Injectable()
export class BookingCalendar {
  private readonly domain: string;
  /** The web's page of a customer's bookings. */
  private readonly link: string;

  constructor(config: AppConfig) {
    this.domain = new URL(config.mail.publicUrl).hostname;
    this.link = `${config.mail.publicUrl}/bookings`;
  }

  render(view: BookingView, now = new Date()): string {
    const link = this.link;
    const { booking } = view;
    const when = view.allDay
      ? [`DTSTART;VALUE=DATE:${dateStamp(booking.bookingDate)}`, `DTEND;VALUE=DATE:${dateStamp(nextDate(booking.bookingDate))}`]
      : [`DTSTART:${utcStamp(view.startsAt)}`, `DTEND:${utcStamp(view.endsAt)}`];
    const tickets = view.items.map((item) => `${item.quantity} × ${item.name}`).join(', ');
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Marquee//Bookings//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      `UID:booking-${booking.id}@${this.domain}`,
      `DTSTAMP:${utcStamp(now)}`,
      ...when,
      `SUMMARY:${text(view.serviceName)}`,
      ...(view.location ? [`LOCATION:${text(view.location)}`] : []),
      `DESCRIPTION:${text(`Booking ${booking.reference}: ${tickets}\nYour bookings: ${link}`)}`,
      `URL:${link}`,
      `STATUS:${booking.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
      'END:VCALENDAR',
    ];
    return `${lines.map(fold).join('\r\n')}\r\n`;
  }

  /** The file's name: the booking's reference. */
  filename(view: BookingView): string {
    return `booking-${view.booking.reference}.ics`;
  }
}
