import { Injectable } from '@nestjs/common';
import { ProblemException } from '../../common/problem.js';
import { KeyValueStore } from '../../common/storage/key-value.store.js';
import { AppConfig } from '../../config/app-config.js';

/**
 * Failed logins are counted per account (whatever the address) and per address, in the shared
 * store, so the limits hold across instances. Every attempt is counted before its password is
 * checked (so simultaneous attempts cannot slip past the limit) and a success takes its count back.
 * Past either limit every attempt is a 429 until the window ends, even with the right password.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    private readonly store: KeyValueStore,
    private readonly config: AppConfig,
  ) {}

  /** Counts the attempt; 429 with Retry-After when the account or the address is past its limit. */
  async attempt(email: string, address: string): Promise<void> {
    const { loginPerAccount, loginPerAddress, loginWindowSeconds } = this.config.rateLimits;
    const windowMs = loginWindowSeconds * 1000;
    const [account, origin] = await Promise.all([
      this.store.increment(accountKey(email), windowMs),
      this.store.increment(addressKey(address), windowMs),
    ]);
    const waitMs = Math.max(account.count > loginPerAccount ? account.ttlMs : 0, origin.count > loginPerAddress ? origin.ttlMs : 0);
    if (waitMs > 0) {
      throw new ProblemException('rate-limited', 'Too many failed sign-in attempts; try again later', undefined, Math.ceil(waitMs / 1000));
    }
  }

  /** A successful sign-in clears the account's failures and takes its attempt off the address. */
  async succeeded(email: string, address: string): Promise<void> {
    await Promise.all([this.store.delete(accountKey(email)), this.store.decrement(addressKey(address))]);
  }
}

const accountKey = (email: string) => `login-fail:account:${email}`;
const addressKey = (address: string) => `login-fail:address:${address}`;
