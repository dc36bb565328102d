import type { ThrottlerStorage } from '@nestjs/throttler';
import type { KeyValueStore } from '../storage/key-value.store.js';

/** Fixed-window counters in the shared store (Redis when configured), so limits span instances. */
export class StoreThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly store: KeyValueStore) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string) {
    const { count, ttlMs } = await this.store.increment(`throttle:${throttlerName}:${key}`, ttl);
    const seconds = Math.ceil(ttlMs / 1000);
    const isBlocked = count > limit;
    return { totalHits: count, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }
}
