import { Injectable } from '@nestjs/common';
import { ProblemException } from '../../common/problem.js';
import { KeyValueStore } from '../../common/storage/key-value.store.js';
import { AppConfig } from '../../config/app-config.js';

/**
 * Failed logins are counted per account (whatever the address) and per address, in the shared
 * store, so the limits hold across instances. Past either limit every attempt is a 429 until
 * the window ends, even with the right password.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    private readonly store: KeyValueStore,
    private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, address: string): Promise<void> {
    const { loginPerAccount, loginPerAddress } = this.config.rateLimits;
    const [account, origin] = await Promise.all([this.store.peek(accountKey(email)), this.store.peek(addressKey(address))]);
    const blocked = [account.count >= loginPerAccount ? account.ttlMs : 0, origin.count >= loginPerAddress ? origin.ttlMs : 0];
    const waitMs = Math.max(...blocked);
    if (waitMs > 0) {
      throw new ProblemException('rate-limited', 'Too many failed sign-in attempts; try again later', undefined, Math.ceil(waitMs / 1000));
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const windowMs = this.config.rateLimits.loginWindowSeconds * 1000;
    await Promise.all([this.store.increment(accountKey(email), windowMs), this.store.increment(addressKey(address), windowMs)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.store.delete(accountKey(email));
  }
}

const accountKey = (email: string) => `login-fail:account:${email}`;
const addressKey = (address: string) => `login-fail:address:${address}`;
