import { Brackets, type EntityManager, type EntityTarget, type WhereExpressionBuilder } from 'typeorm';
import type { Claimable } from './claimable.js';

/**
 * A table of work claimed by leases (the outbox, webhook deliveries): its entity is {@link Claimable}
 * and has a `status` (`pending`, `sending`, …).
 */
export interface ClaimRound {
  /** This round's claim, unique to it. */
  claim: string;
  now: Date;
  /** When the claim runs out and a row still `sending` is due again (its process died mid-send). */
  leaseUntil: Date;
  limit: number;
  /** A further condition on the rows, in bare column names (the claim's SELECT and UPDATE both use it). */
  where?: string;
}

/** Due (bare column names): pending and its time has come, or claimed by a round whose lease has run out. */
const due = (now: Date, where?: string) =>
  new Brackets((outer: WhereExpressionBuilder) => {
    outer.where(
      new Brackets((inner: WhereExpressionBuilder) =>
        inner
          .where('(status = :pending AND next_attempt_at <= :now)', { pending: 'pending', now })
          .orWhere('(status = :sending AND claimed_until < :now)', { sending: 'sending' }),
      ),
    );
    if (where) outer.andWhere(where);
  });

/**
 * Claims up to `limit` due rows of `target` for `round.claim` until `leaseUntil`, counting an attempt
 * on each, in `manager`'s transaction. The claim is a conditional UPDATE that re-checks dueness on the
 * row it writes (InnoDB re-reads a row another transaction changed before matching it; SQLite writers
 * take turns), so of two dispatchers only one claims a row; then the claimed rows are read by their claim.
 */
export async function claimDue<T extends Claimable>(manager: EntityManager, target: EntityTarget<T>, round: ClaimRound): Promise<T[]> {
  const { claim, now, leaseUntil, limit, where } = round;
  const ids = (
    await manager
      .createQueryBuilder(target, 'row')
      .select('row.id', 'id')
      .where(due(now, where))
      .orderBy('row.nextAttemptAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number }>()
  ).map(({ id }) => Number(id));
  if (ids.length === 0) return [];
  await manager
    .createQueryBuilder()
    .update(target)
    .set({ status: 'sending', claimedBy: claim, claimedUntil: leaseUntil, attempts: () => 'attempts + 1' } as never)
    .where('id IN (:...ids)', { ids })
    .andWhere(due(now, where))
    .execute();
  return manager
    .createQueryBuilder(target, 'row')
    .where('row.claimedBy = :claim AND row.status = :sending', { claim, sending: 'sending' })
    .orderBy('row.id', 'ASC')
    .getMany();
}
