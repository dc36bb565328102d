import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './server.js';

/** How the server answers a message: accept it, refuse it (550), or never answer (a stalled server). */
export type SmtpMode = 'accept' | 'refuse' | 'stall';

/** A real SMTP server on a free port that parses what it receives (smtp-server + mailparser). */
export class SmtpSink {
  readonly received: ParsedMail[] = [];
  /** Recipients of every DATA command, whatever the answer (one per delivery attempt that got that far). */
  readonly attempts: string[] = [];
  mode: SmtpMode = 'accept';

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<SmtpSink> {
    const port = await freePort();
    const holder: { sink?: SmtpSink } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Drops a stalled client's connection soon, as real servers do, so nothing lingers after a test.
      socketTimeout: 2000,
      onData(stream, session, callback) {
        holder.sink!.attempts.push(...session.envelope.rcptTo.map((recipient) => recipient.address));
        const mode = holder.sink!.mode;
        simpleParser(stream).then(
          (mail) => {
            if (mode === 'stall') return;
            if (mode === 'refuse') return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
            holder.sink!.received.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    // A client that dies mid-conversation (a killed API process) resets its connection: not the server's failure.
    server.on('error', () => undefined);
    const sink = new SmtpSink(server, port);
    holder.sink = sink;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return sink;
  }

  /** Delivery attempts that reached DATA for `address`. */
  attemptsTo(address: string): number {
    return this.attempts.filter((recipient) => recipient === address).length;
  }

  /** Messages received for `address`. */
  to(address: string): ParsedMail[] {
    return this.received.filter((mail) => mailTo(mail).includes(address));
  }

  /** Waits until `count` messages for `address` have arrived (matching `subject` when given); answers them. */
  async waitFor(
    address: string,
    { count = 1, subject, timeoutMs = 15_000 }: { count?: number; subject?: RegExp; timeoutMs?: number } = {},
  ) {
    const deadline = Date.now() + timeoutMs;
    const matching = () => this.to(address).filter((mail) => !subject || subject.test(mail.subject ?? ''));
    while (matching().length < count) {
      if (Date.now() > deadline) throw new Error(`${count} message(s) to ${address} did not arrive; got ${matching().length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return matching();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export function mailTo(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((entry) => entry.address ?? ''));
}

/** The `token` of the first link in the plain-text part that goes to `route`. */
export function tokenOf(mail: ParsedMail, route: string): string {
  const match = new RegExp(`https?://\\S+${route}\\?token=([\\w-]+)`).exec(mail.text ?? '');
  if (!match) throw new Error(`No ${route} link in: ${mail.text}`);
  return match[1];
}
