import { setTimeout as delay } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth-user.js';
import { ProblemException } from '../../common/problem.js';
import { KeyValueStore } from '../../common/storage/key-value.store.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transactions.js';
import { Sessions } from '../auth/sessions.js';
import { AccountMessages, type Recipient } from './account-messages.js';
import { PasswordHasher } from './password-hasher.js';
import { User } from './user.entity.js';

/** The least time a password-reset request takes: more than the lookup and the message take, so every address answers alike. */
const RESET_REQUEST_FLOOR_MS = 300;

const invalidToken = () => new ProblemException('invalid-token', 'The link is unknown, already used or expired; ask for a new one');

/**
 * E-mail verification and password reset. Every message to an account counts against its limit
 * (RATE_LIMIT_ACCOUNT_MAIL per window), shared by every instance through the key-value store.
 */
@Injectable()
export class AccountRecovery {
  private readonly logger = new Logger(AccountRecovery.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly transactions: Transactions,
    private readonly messages: AccountMessages,
    private readonly hasher: PasswordHasher,
    private readonly sessions: Sessions,
    private readonly store: KeyValueStore,
    private readonly config: AppConfig,
  ) {}

  /** A new verification message to the caller's address; 429 past the account's limit. */
  async requestVerification(actor: AuthUser): Promise<void> {
    const retryAfter = await this.countMessage(actor.id);
    if (retryAfter !== undefined) {
      throw new ProblemException('rate-limited', 'Too many messages to this account; try again later', undefined, retryAfter);
    }
    await this.transactions.run((manager) => this.messages.sendVerification(manager, actor));
  }

  async verifyEmail(token: string): Promise<{ emailVerified: true }> {
    await this.transactions.run(async (manager) => {
      const spent = await this.messages.spend(manager, 'verify-email', token);
      if (!spent) throw invalidToken();
      // Only while the account still has the address the link was sent to.
      const verified = await manager
        .createQueryBuilder()
        .update(User)
        .set({ emailVerified: true })
        .where('id = :id AND email = :email AND deleted_at IS NULL', { id: spent.userId, email: spent.email })
        .execute();
      if (verified.affected !== 1) throw invalidToken();
    });
    return { emailVerified: true };
  }

  /**
   * Looks the address up and queues the message (past the account's limit, nothing), then answers no
   * sooner than RESET_REQUEST_FLOOR_MS after the request came: neither the answer nor its timing tells
   * whether an account exists, and nothing is written once the answer has gone. A failure is logged,
   * never told (the answer is 202 either way).
   */
  async requestPasswordReset(email: string): Promise<void> {
    const floor = delay(RESET_REQUEST_FLOOR_MS);
    await this.sendPasswordReset(email).catch((error: unknown) => this.logger.warn(`A password-reset request failed: ${String(error)}`));
    await floor;
  }

  /** A new password for the token's account: the token is spent, every session ends, a notice goes out. */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    const passwordHash = await this.hasher.hash(newPassword);
    const ended = await this.transactions.run(async (manager) => {
      const spent = await this.messages.spend(manager, 'password-reset', token);
      const user = spent && (await manager.findOneBy(User, { id: spent.userId, isActive: true }));
      if (!user) throw invalidToken();
      await manager.update(User, { id: user.id }, { passwordHash });
      await this.messages.spendAll(manager, user.id, 'password-reset');
      await this.messages.passwordChanged(manager, user);
      return this.sessions.revoke(manager, user.id);
    });
    await this.sessions.deny(...ended);
  }

  private async sendPasswordReset(email: string): Promise<void> {
    const user: Recipient | null = await this.users.findOne({
      select: { id: true, name: true, email: true },
      where: { email, isActive: true },
    });
    if (!user || (await this.countMessage(user.id)) !== undefined) return;
    await this.transactions.run((manager) => this.messages.sendPasswordReset(manager, user));
  }

  /** Counts a message to the account; answers the seconds to wait when it is past its limit. */
  private async countMessage(userId: number): Promise<number | undefined> {
    const { accountMail, accountMailWindowSeconds } = this.config.rateLimits;
    const { count, ttlMs } = await this.store.increment(`account-mail:${userId}`, accountMailWindowSeconds * 1000);
    return count > accountMail ? Math.max(1, Math.ceil(ttlMs / 1000)) : undefined;
  }
}
