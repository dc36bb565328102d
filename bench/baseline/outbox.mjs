// The baseline's outbox: the booking's transaction queues the confirmation with Marquee's statements,
// and a dispatcher with Marquee's claim and mark statements delivers it through SMTP_URL (the bench's
// sink) after the commit and every MAIL_POLL_INTERVAL_MS (5 s). The message is sent as its values,
// as JSON text, with its attachments (the e-ticket's QR image drawn at sending, as Marquee does):
// Marquee renders its templates, which is part of what the bench measures.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import * as sql from './statements.mjs';

/** Marquee's BATCH, lease (4 × MAIL_SEND_TIMEOUT_MS) and poll interval defaults. */
const BATCH = 5;
const LEASE_MS = 4 * 30_000;
const POLL_MS = Number(process.env.MAIL_POLL_INTERVAL_MS ?? 5_000);
const FROM = 'Marquee <no-reply@marquee.local>';

export function createOutbox({ inTransaction, smtpUrl, files }) {
  const transport = smtpUrl ? nodemailer.createTransport({ url: smtpUrl }) : undefined;
  let running;
  let again = false;

  async function enqueue(connection, { kind, recipient, payload, attachments = null }) {
    await connection.query(sql.INSERT_OUTBOX, [kind, recipient, payload, attachments, new Date()]);
  }

  async function round() {
    const now = new Date();
    const claim = randomUUID();
    const due = ['pending', now, 'sending', now];
    const messages = await inTransaction(async (connection) => {
      const [rows] = await connection.query(sql.DUE_MESSAGES, [...due, BATCH]);
      if (rows.length === 0) return [];
      const ids = rows.map((row) => Number(row.id));
      await connection.query(sql.CLAIM_MESSAGES(ids.length), ['sending', claim, new Date(now.getTime() + LEASE_MS), ...ids, ...due]);
      const [claimed] = await connection.query(sql.CLAIMED_MESSAGES, [claim, 'sending']);
      return claimed;
    });
    await Promise.all(
      messages.map(async (message) => {
        const id = message.row_id;
        await transport.sendMail({
          from: FROM,
          to: message.row_recipient,
          subject: message.row_kind,
          text: message.row_payload,
          attachments: files(message.row_attachments),
          messageId: `<outbox-${id}@marquee.local>`,
        });
        await inTransaction((connection) => connection.query(sql.MARK_SENT, ['sent', new Date(), id, claim]));
      }),
    );
    return messages.length;
  }

  async function drain() {
    do {
      again = false;
      try {
        while ((await round()) === BATCH);
      } catch (error) {
        process.stderr.write(`delivering the outbox failed: ${error}\n`);
      }
    } while (again);
  }

  /** Starts a round, or asks the running one to go on once more (OutboxDispatcher.wake). */
  function wake() {
    if (!transport) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
    });
  }

  const timer = setInterval(wake, POLL_MS).unref();
  wake();
  return {
    enqueue,
    wake,
    close: async () => {
      clearInterval(timer);
      await running;
      transport?.close();
    },
  };
}
