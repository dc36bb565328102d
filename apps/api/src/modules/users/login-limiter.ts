import { Injectable } from '@nestjs/common';
import { ProblemException } from '../../common/problem.js';
import { KeyValueStore } from '../../common/storage/key-value.store.js';
import { AppConfig } from '../../config/app-config.js';

/** Whose password is being tried: an account by id, or (when no account has it) the normalised e-mail. */
export type LoginAccount = { userId: number } | { email: string };

/** How long an address the account signed in from stays exempt from the account-wide limit. */
const KNOWN_ADDRESS_MS = 30 * 86_400_000;

/**
 * Password checks — logins and the current-password check of a profile change — counted in the
 * shared store, so the limits hold across instances:
 *
 * - per account and address (`RATE_LIMIT_LOGIN_ACCOUNT_ADDRESS`, 10 per 15 minutes): what stops a
 *   guesser, without handing them a button that locks the owner out from everywhere else;
 * - per address (`RATE_LIMIT_LOGIN_ADDRESS`, 100 per 15 minutes), on any account;
 * - per account from every address together (`RATE_LIMIT_LOGIN_ACCOUNT`, 100 per hour), against a
 *   guesser spread over many addresses. An address the account signed in from in the last 30 days is
 *   exempt from this one, so such an attack does not lock the owner out where they usually sign in.
 *
 * The account is the user's id, whatever spelling of the e-mail was sent (an unknown e-mail counts
 * under its normalised spelling, so probing unknown addresses is limited too). Every attempt is counted
 * before its password is checked (so simultaneous attempts cannot slip past) and a success takes its
 * count back. An attempt refused by its address's limits is not counted on the account, so one address
 * cannot spend the account-wide budget. Past a limit every attempt is a 429, even with the right password.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    private readonly store: KeyValueStore,
    private readonly config: AppConfig,
  ) {}

  /**
   * Counts a password check of `account` from `address`, runs `check` unless a limit is reached
   * (then 429 with Retry-After), and answers its result. A right password clears the failures of the
   * account from that address; a check that fails to run (a 503 when the bcrypt queue is full) is not counted.
   */
  async check(account: LoginAccount, address: string, check: () => Promise<boolean>): Promise<boolean> {
    const keys = keysOf(account, address);
    await this.count(keys, account, address);
    let valid: boolean;
    try {
      valid = await check();
    } catch (error) {
      await Promise.all([this.store.decrement(keys.pair), this.store.decrement(keys.address), this.store.decrement(keys.account)]);
      throw error;
    }
    if (valid) {
      await Promise.all([
        this.store.delete(keys.pair),
        this.store.decrement(keys.address),
        this.store.decrement(keys.account),
        'userId' in account ? this.store.set(knownKey(account.userId, address), '1', KNOWN_ADDRESS_MS) : undefined,
      ]);
    }
    return valid;
  }

  private async count(keys: ReturnType<typeof keysOf>, account: LoginAccount, address: string): Promise<void> {
    const limits = this.config.rateLimits;
    const windowMs = limits.loginWindowSeconds * 1000;
    const [pair, origin] = await Promise.all([this.store.increment(keys.pair, windowMs), this.store.increment(keys.address, windowMs)]);
    const waitMs = Math.max(
      pair.count > limits.loginPerAccountAddress ? pair.ttlMs : 0,
      origin.count > limits.loginPerAddress ? origin.ttlMs : 0,
    );
    if (waitMs > 0) throw rateLimited(waitMs);

    const total = await this.store.increment(keys.account, limits.loginAccountWindowSeconds * 1000);
    if (total.count > limits.loginPerAccount) {
      const known = 'userId' in account && (await this.store.get(knownKey(account.userId, address))) !== null;
      if (!known) throw rateLimited(total.ttlMs);
    }
  }
}

function keysOf(account: LoginAccount, address: string) {
  const id = 'userId' in account ? `user:${account.userId}` : `email:${account.email}`;
  return { pair: `login-fail:pair:${id}:${address}`, address: `login-fail:address:${address}`, account: `login-fail:account:${id}` };
}

const knownKey = (userId: number, address: string) => `login-ok:user:${userId}:${address}`;

const rateLimited = (waitMs: number) =>
  new ProblemException('rate-limited', 'Too many failed sign-in attempts; try again later', undefined, Math.ceil(waitMs / 1000));
