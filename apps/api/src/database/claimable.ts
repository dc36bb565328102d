import { Column } from 'typeorm';
import { Timestamped } from './timestamps.js';

/**
 * The columns of a row of work claimed by leases (see claimDue): attempts made, when the next is
 * due, the claim that holds it while `sending` and until when, and why the last attempt failed.
 */
export abstract class Claimable extends Timestamped {
  /** Attempts started (each claim counts one). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'datetime', precision: 3 })
  nextAttemptAt!: Date;

  /** The claim (one per dispatcher round) that holds the row while `sending`. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  claimedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  claimedUntil!: Date | null;

  /** Why the last attempt failed. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
