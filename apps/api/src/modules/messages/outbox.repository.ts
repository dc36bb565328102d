import type { MessageStatus } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type EntityManager, type Repository, type WhereExpressionBuilder } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import { OutboxMessage } from './outbox-message.entity.js';

/** Due (bare column names: the claim's SELECT and UPDATE both use it): pending and its time has come, or claimed by a dispatcher whose lease has run out. */
const due = (now: Date) =>
  new Brackets((where: WhereExpressionBuilder) =>
    where
      .where('(status = :pending AND next_attempt_at <= :now)', { pending: 'pending', now })
      .orWhere('(status = :sending AND claimed_until < :now)', { sending: 'sending' }),
  );

/** The outbox table's SQL: claiming due messages, recording each attempt, the admin's list and retry. */
@Injectable()
export class OutboxRepository {
  constructor(
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
    private readonly transactions: Transactions,
  ) {}

  /**
   * Claims up to `limit` due messages for `claim` until `leaseUntil`, counting an attempt on each. The
   * claim is a conditional UPDATE that re-checks dueness on the row it writes (InnoDB re-reads a row
   * another transaction changed before matching it; SQLite writers take turns), so of two dispatchers
   * only one claims a message; then the claimed rows are read by their claim.
   */
  claim(claim: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]> {
    return this.transactions.run(async (manager) => {
      const ids = (
        await manager
          .createQueryBuilder(OutboxMessage, 'message')
          .select('message.id', 'id')
          .where(due(now))
          .orderBy('message.nextAttemptAt', 'ASC')
          .limit(limit)
          .getRawMany<{ id: number }>()
      ).map(({ id }) => Number(id));
      if (ids.length === 0) return [];
      await manager
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ status: 'sending', claimedBy: claim, claimedUntil: leaseUntil, attempts: () => 'attempts + 1' })
        .where('id IN (:...ids)', { ids })
        .andWhere(due(now))
        .execute();
      return manager.find(OutboxMessage, { where: { claimedBy: claim, status: 'sending' }, order: { id: 'ASC' } });
    });
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
