import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { Outbox } from '../messages/outbox.js';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity.js';

export interface Recipient {
  id: number;
  name: string;
  email: string;
}

const HOUR_MS = 3_600_000;
const LIFETIME_MS: Record<AccountTokenPurpose, number> = { 'verify-email': 24 * HOUR_MS, 'password-reset': HOUR_MS };
const ROUTE: Record<AccountTokenPurpose, string> = { 'verify-email': '/verify-email', 'password-reset': '/reset-password' };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The account's messages and their single-use tokens: each is written in the transaction of the change
 * that causes it (through the outbox); a token's link is PUBLIC_URL + a web route + `?token=`, and only
 * the token's SHA-256 is stored.
 */
@Injectable()
export class AccountMessages {
  constructor(
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
  ) {}

  sendVerification(manager: EntityManager, user: Recipient): Promise<void> {
    return this.sendToken(manager, user, 'verify-email', 'email-verification');
  }

  sendPasswordReset(manager: EntityManager, user: Recipient): Promise<void> {
    return this.sendToken(manager, user, 'password-reset', 'password-reset');
  }

  passwordChanged(manager: EntityManager, user: Recipient): Promise<void> {
    return this.outbox.enqueue(manager, {
      kind: 'password-changed',
      recipient: user.email,
      values: { name: user.name, changedAt: stamp(), resetLink: `${this.config.mail.publicUrl}/forgot-password` },
    });
  }

  /** To the old address: the new one gets a verification instead. */
  emailChanged(manager: EntityManager, user: Recipient, oldEmail: string): Promise<void> {
    return this.outbox.enqueue(manager, {
      kind: 'email-changed',
      recipient: oldEmail,
      values: { name: user.name, changedAt: stamp(), oldEmail, newEmail: user.email },
    });
  }

  /**
   * Spends a live token of `purpose` (one conditional UPDATE, so of two simultaneous uses one wins);
   * answers it, or undefined when it is unknown, spent or expired.
   */
  async spend(manager: EntityManager, purpose: AccountTokenPurpose, token: string): Promise<AccountToken | undefined> {
    const now = new Date();
    const live = { tokenHash: hashOf(token), purpose, usedAt: IsNull(), expiresAt: MoreThan(now) };
    const found = await manager.findOneBy(AccountToken, live);
    if (!found) return undefined;
    const spent = await manager.update(AccountToken, { id: found.id, usedAt: IsNull() }, { usedAt: now });
    return spent.affected === 1 ? found : undefined;
  }

  /** Spends every live token of the user for `purpose` (a reset link is worthless once the password changed). */
  async spendAll(manager: EntityManager, userId: number, purpose: AccountTokenPurpose): Promise<void> {
    await manager.update(AccountToken, { userId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
  }

  private async sendToken(manager: EntityManager, user: Recipient, purpose: AccountTokenPurpose, kind: string): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    await manager.insert(AccountToken, {
      userId: user.id,
      purpose,
      tokenHash: hashOf(token),
      email: user.email,
      expiresAt: new Date(Date.now() + LIFETIME_MS[purpose]),
    });
    const link = `${this.config.mail.publicUrl}${ROUTE[purpose]}?token=${token}`;
    await this.outbox.enqueue(manager, { kind, recipient: user.email, values: { name: user.name, email: user.email, link } });
  }
}

/** "2026-11-26 15:04" (UTC). */
const stamp = () => new Date().toISOString().slice(0, 16).replace('T', ' ');
