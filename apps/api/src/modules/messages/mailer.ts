import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';
import { qrPng } from '../../common/qr-code.js';
import type { MessageAttachment } from './outbox.js';
import type { RenderedMessage } from './templates.js';

export interface Envelope extends RenderedMessage {
  /** The outbox id: the Message-ID is derived from it, so a resent message is recognisably the same one. */
  id: number;
  to: string;
  attachments?: MessageAttachment[];
}

/**
 * Sends a rendered message through SMTP_URL (nodemailer), or, without it (never in production), writes
 * it as an .eml file under MAIL_DIR and logs where.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter;
  private readonly folder?: string;
  private readonly domain: string;

  constructor(private readonly config: AppConfig) {
    const { smtpUrl, sendTimeoutMs, from } = config.mail;
    this.domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'marquee.local';
    if (smtpUrl) {
      this.transport = nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: sendTimeoutMs,
        greetingTimeout: sendTimeoutMs,
        socketTimeout: sendTimeoutMs,
      });
    } else {
      this.folder = resolve(config.mail.dir);
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  async send({ id, to, subject, html, text, attachments = [] }: Envelope): Promise<void> {
    const files = attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: 'qrText' in attachment ? qrPng(attachment.qrText) : Buffer.from(attachment.content, 'base64'),
      ...(attachment.cid && { cid: attachment.cid, contentDisposition: 'inline' as const }),
    }));
    const sending = this.transport.sendMail({
      from: this.config.mail.from,
      to,
      subject,
      html,
      text,
      messageId: `<outbox-${id}@${this.domain}>`,
      attachments: files,
    });
    const info = await withDeadline(sending, this.config.mail.sendTimeoutMs);
    if (this.folder) {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      const file = join(this.folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`);
      writeFileSync(file, (info as { message: Buffer }).message, { mode: 0o600 });
      this.logger.log(`No SMTP_URL: message ${id} ("${subject}" to ${to}) written to ${file}`);
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/**
 * nodemailer's socket timeout does not end a send whose server accepted the data and never answers;
 * past `ms` the send counts as failed (the connection is left to the server's own timeout).
 */
function withDeadline<T>(sending: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`SMTP send timed out after ${ms} ms`)), ms);
  });
  sending.catch(() => undefined);
  return Promise.race([sending, deadline]).finally(() => clearTimeout(timer));
}
