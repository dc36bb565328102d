import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth-user.js';
import { notFound, ProblemException, validationProblem } from '../../common/problem.js';
import { Transactions } from '../../database/transactions.js';
import { AuditLog } from '../audit/audit-log.js';
import { BookingsRepository } from '../bookings/bookings.repository.js';
import { BookingsService } from '../bookings/bookings.service.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import { TicketSigner } from '../tickets/ticket-signer.js';
import { WebhookEvents } from '../webhooks/webhook-events.js';
import { CheckInsRepository } from './check-ins.repository.js';
import type { CheckInCountDto, CheckInDto, CreateCheckInDto } from './dto/check-in.dto.js';

/**
 * Check-in at the door (DESIGN §7): a scanned ticket code is verified (its Ed25519 signature), then
 * its booking is checked in by one conditional UPDATE, so a ticket admits once however many doors
 * scan it at the same moment. The check-in is audited in its transaction.
 */
@Injectable()
export class CheckInsService {
  constructor(
    private readonly signer: TicketSigner,
    private readonly checkIns: CheckInsRepository,
    private readonly bookingViews: BookingsRepository,
    private readonly bookings: BookingsService,
    private readonly sessions: SessionsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly webhooks: WebhookEvents,
  ) {}

  /**
   * 400 `invalid-ticket` for a code this venue did not sign; 409 `wrong-session` for a ticket of
   * another session than `sessionId`; 409 `already-checked-in` (saying when and by whom) or
   * `not-valid` (the booking is cancelled, completed or gone) when nothing was checked in.
   */
  async checkIn(actor: AuthUser, { code, reference, sessionId }: CreateCheckInDto): Promise<CheckInDto> {
    if ((code === undefined) === (reference === undefined))
      throw validationProblem('code', 'give the ticket code or the reference, one of them');
    const ticket = reference === undefined ? this.signer.read(code ?? '') : await this.byReference(reference);
    if (!ticket)
      throw new ProblemException(
        'invalid-ticket',
        'This is not a ticket of this venue: the code is malformed or its signature does not match',
      );
    if (sessionId !== undefined && sessionId !== ticket.sessionId) {
      throw new ProblemException('wrong-session', `This ticket is for session ${ticket.sessionId}, not session ${sessionId}`);
    }
    const at = new Date();
    const answer = await this.transactions.run(async (manager): Promise<CheckInDto | null> => {
      if (!(await this.checkIns.checkIn(manager, ticket.bookingId, ticket.sessionId, actor.id, at))) return null;
      await this.audit.record(manager, actor, {
        action: 'booking.checked-in',
        target: 'booking',
        targetId: ticket.bookingId,
        before: { checkedInAt: null },
        after: { checkedInAt: at },
      });
      // Read in the transaction that checked it in: the row is locked by the UPDATE, so it is still there.
      const [view] = await this.bookingViews.views('WHERE b.id = ?', [ticket.bookingId], manager);
      const customer = (await this.bookingViews.customers([view.booking.userId], manager)).get(view.booking.userId);
      const booking = this.bookings.toDto(view, customer);
      await this.webhooks.publish(manager, 'booking.checked_in', booking);
      return { booking, checkedInAt: at, admitted: view.booking.quantity };
    });
    if (!answer) throw await this.refusal(ticket.bookingId);
    return answer;
  }

  /** The session's places booked and checked in; 404 for an unknown session. */
  async count(sessionId: number): Promise<CheckInCountDto> {
    if (!(await this.sessions.find(undefined, sessionId))) throw notFound(`Session ${sessionId}`);
    return this.checkIns.count(sessionId);
  }

  /** The booking a typed reference names, as its ticket would (404 when no booking has it). */
  private async byReference(reference: string): Promise<{ bookingId: number; sessionId: number }> {
    const booking = await this.checkIns.byReference(reference.toUpperCase());
    if (!booking) throw notFound(`A booking with reference ${reference.toUpperCase()}`);
    return booking;
  }

  /** Why a signed ticket was not checked in. */
  private async refusal(bookingId: number): Promise<ProblemException> {
    const state = await this.checkIns.state(bookingId);
    if (!state) return new ProblemException('not-valid', 'This ticket is not valid: its booking was removed');
    if (state.checkedInAt) {
      const by = state.checkedInBy ? ` by ${state.checkedInBy.name}` : '';
      return new ProblemException(
        'already-checked-in',
        `Booking ${state.reference} was already checked in at ${state.checkedInAt.toISOString()}${by}`,
        undefined,
        undefined,
        { checkedInAt: state.checkedInAt.toISOString(), ...(state.checkedInBy && { checkedInBy: state.checkedInBy }) },
      );
    }
    return new ProblemException('not-valid', `This ticket is not valid: booking ${state.reference} is ${state.status}`);
  }
}
