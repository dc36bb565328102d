// The confirmation's e-ticket, as Marquee makes it: in the booking's transaction the ticket code
// (10 bytes signed with Ed25519 by TICKET_SIGNING_KEY) and the booking as an .ics file, queued as the
// outbox row's attachments; at delivery the code drawn as a PNG QR image. The signer, the calendar
// and the image come from Marquee's own build (apps/api/dist), so both sides do exactly this work;
// what Marquee spends around it (its templates, its framework) is what the bench measures.
import { qrPng } from '../../apps/api/dist/common/qr-code.js';
import { BookingCalendar } from '../../apps/api/dist/modules/tickets/booking-calendar.js';
import { TicketSigner } from '../../apps/api/dist/modules/tickets/ticket-signer.js';

const TICKET_QR_CID = 'ticket-qr@marquee';

export function createETickets({ signingKey, publicUrl }) {
  const signer = new TicketSigner({ ticketSigningKey: Buffer.from(signingKey, 'base64') });
  const calendar = new BookingCalendar({ mail: { publicUrl } });
  const code = (booking) => signer.code({ bookingId: booking.id, sessionId: booking.session_id, quantity: booking.quantity });

  /** The attachments of a booking's confirmation (`row`: the booking as read back, `items`: its lines). */
  function attachments(row, items) {
    const view = {
      booking: { id: row.id, reference: row.reference, bookingDate: row.booking_date, status: row.status },
      allDay: Number(row.session_all_day) === 1,
      startsAt: row.session_starts_at,
      endsAt: row.session_ends_at,
      serviceName: row.service_name,
      location: row.service_location,
      items: items.map((item) => ({ name: item.name, quantity: item.quantity })),
    };
    return [
      { filename: `e-ticket-${row.reference}.png`, contentType: 'image/png', qrText: code(row), cid: TICKET_QR_CID },
      {
        filename: calendar.filename(view),
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        content: Buffer.from(calendar.render(view)).toString('base64'),
      },
    ];
  }

  /** The queued attachments as nodemailer sends them, the QR image drawn now. */
  function files(json) {
    if (!json) return [];
    return JSON.parse(json).map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: 'qrText' in attachment ? qrPng(attachment.qrText) : Buffer.from(attachment.content, 'base64'),
      ...(attachment.cid && { cid: attachment.cid, contentDisposition: 'inline' }),
    }));
  }

  return { attachments, files };
}
