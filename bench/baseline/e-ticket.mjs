// The confirmation's e-ticket, as Marquee makes it: in the booking's transaction the ticket code
// (10 bytes signed with Ed25519 by TICKET_SIGNING_KEY) and the booking as an .ics file, queued as the
// outbox row's attachments; at delivery the code drawn as a PNG QR image. The calendar and the image
// come from Marquee's own build (apps/api/dist), so both sides do exactly this work; what Marquee
// spends around it (its templates, its framework) is what the bench measures.
import { createPrivateKey, sign } from 'node:crypto';
import { qrPng } from '../../apps/api/dist/common/qr-code.js';
import { BookingCalendar } from '../../apps/api/dist/modules/tickets/booking-calendar.js';

/** PKCS#8 DER of an Ed25519 private key, up to its 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const TICKET_QR_CID = 'ticket-qr@marquee';

export function createETickets({ signingKey, publicUrl }) {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(signingKey, 'base64')]),
    format: 'der',
    type: 'pkcs8',
  });
  const calendar = new BookingCalendar({ mail: { publicUrl } });

  function code(booking) {
    const signed = Buffer.alloc(10);
    signed.writeUInt8(1, 0);
    signed.writeUInt32BE(booking.id, 1);
    signed.writeUInt32BE(booking.session_id, 5);
    signed.writeUInt8(booking.quantity, 9);
    return Buffer.concat([signed, sign(null, signed, privateKey)]).toString('base64url');
  }

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
