import type { MessageStatus } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { claimDue } from '../../database/claims.js';
import { Transactions } from '../../database/transactions.js';
import { OutboxMessage } from './outbox-message.entity.js';

/** The outbox table's SQL: claiming due messages, recording each attempt, the admin's list and retry. */
@Injectable()
export class OutboxRepository {
  constructor(
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
    private readonly transactions: Transactions,
  ) {}

  /** Claims up to `limit` due messages for `claim` until `leaseUntil`, counting an attempt on each (see claimDue). */
  claim(claim: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]> {
    return this.transactions.run((manager) => claimDue(manager, OutboxMessage, { claim, now, leaseUntil, limit }));
  }

  /** Delivered; only while the claim still holds it. */
  markSent(id: number, claim: string): Promise<void> {
    return this.update(id, claim, { status: 'sent', sentAt: new Date(), claimedBy: null, claimedUntil: null, lastError: null });
  }

  /** Failed: pending again at `retryAt`, or dead when there is none. */
  markFailed(id: number, claim: string, error: string, retryAt: Date | undefined): Promise<void> {
    return this.update(id, claim, {
      status: retryAt ? 'pending' : 'dead',
      ...(retryAt && { nextAttemptAt: retryAt }),
      claimedBy: null,
      claimedUntil: null,
      lastError: error.slice(0, 500),
    });
  }

  async page(status: MessageStatus | undefined, page: number, limit: number): Promise<[OutboxMessage[], number]> {
    return this.messages.findAndCount({
      where: status ? { status } : {},
      order: { id: 'DESC' },
      skip: (page - 1) * limit,
      take: limit,
    });
  }

  find(id: number): Promise<OutboxMessage | null> {
    return this.messages.findOneBy({ id });
  }

  /** A dead message, pending again now with its attempts reset; false when it is not dead (any more). */
  retry(id: number): Promise<boolean> {
    return this.transactions.run(async (manager: EntityManager) => {
      const result = await manager.update(
        OutboxMessage,
        { id, status: 'dead' },
        { status: 'pending', attempts: 0, nextAttemptAt: new Date() },
      );
      return result.affected === 1;
    });
  }

  private async update(id: number, claim: string, values: Partial<OutboxMessage>): Promise<void> {
    await this.transactions.run((manager) => manager.update(OutboxMessage, { id, claimedBy: claim }, values));
  }
}
