import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import { ProblemException } from '../../common/problem.js';
import { Semaphore, SemaphoreFullError } from '../../common/semaphore.js';
import { AppConfig } from '../../config/app-config.js';

/**
 * bcrypt at `BCRYPT_COST`. Passwords are SHA-256-digested first so every byte counts, not only
 * bcrypt's first 72.
 *
 * At most `BCRYPT_CONCURRENCY` hashes and checks run at once (default: the cores less one), so a
 * flood of logins cannot take every core from the other routes; up to `BCRYPT_QUEUE_LIMIT` more wait
 * for a turn in arrival order, and beyond those a request is refused at once with 503 and Retry-After.
 */
@Injectable()
export class PasswordHasher {
  private readonly dummyHash: Promise<string>;
  private readonly turns: Semaphore;

  constructor(private readonly config: AppConfig) {
    this.turns = new Semaphore(config.bcryptConcurrency, config.bcryptQueueLimit);
    this.dummyHash = bcrypt.hash(digest('no such account'), config.bcryptCost);
  }

  hash(password: string): Promise<string> {
    return this.inTurn(() => bcrypt.hash(digest(password), this.config.bcryptCost));
  }

  verify(password: string, hash: string): Promise<boolean> {
    return this.inTurn(() => bcrypt.compare(digest(password), hash));
  }

  /** Spends the same time as a real check, so an unknown e-mail cannot be told from a wrong password. */
  async verifyNothing(password: string): Promise<false> {
    const dummyHash = await this.dummyHash;
    await this.inTurn(() => bcrypt.compare(digest(password), dummyHash));
    return false;
  }

  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.turns.run(work);
    } catch (error) {
      if (error instanceof SemaphoreFullError) {
        throw new ProblemException('unavailable', 'The server is busy checking passwords; try again shortly', undefined, 1);
      }
      throw error;
    }
  }
}

function digest(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('base64');
}
