import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Session } from '../sessions/session.entity.js';
import type { Booking } from './booking.entity.js';

/**
 * What customers are told about changes to their bookings (DESIGN §7). Each call runs in the
 * transaction of the change, so the message is queued (an outbox row) if and only if the change
 * commits. No channel delivers messages yet: the calls are the places where they will be queued.
 */
@Injectable()
export class CustomerMessages {
  /** The session of these (just cancelled) bookings was cancelled. */
  async sessionCancelled(_manager: EntityManager, _session: Session, _bookings: Booking[]): Promise<void> {}
}
