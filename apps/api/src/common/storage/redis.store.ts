import { Redis } from 'ioredis';
import { ProblemException } from '../problem.js';
import { KeyValueStore } from './key-value.store.js';

/** DECR only a counter that still exists (and not below zero), keeping its expiry. */
const DECREMENT_LIVE =
  "if redis.call('get', KEYS[1]) and tonumber(redis.call('get', KEYS[1])) > 0 then return redis.call('decr', KEYS[1]) end return 0";

export class RedisStore extends KeyValueStore {
  private readonly redis: Redis;

  constructor(url: string, keyPrefix: string) {
    super();
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, keyPrefix, lazyConnect: false });
    this.redis.on('error', () => undefined); // readiness reports it; commands fail fast meanwhile
  }

  increment(key: string, windowMs: number) {
    return this.guard(async () => {
      const result = await this.redis.multi().incr(key).pexpire(key, windowMs, 'NX').pttl(key).exec();
      if (!result) throw new Error('Redis transaction was aborted');
      return { count: Number(result[0][1]), ttlMs: Math.max(0, Number(result[2][1])) };
    });
  }

  decrement(key: string) {
    return this.guard(async () => {
      await this.redis.eval(DECREMENT_LIVE, 1, key);
    });
  }

  peek(key: string) {
    return this.guard(async () => {
      const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
      return { count: Number(count ?? 0), ttlMs: Math.max(0, ttl) };
    });
  }

  set(key: string, value: string, ttlMs: number) {
    return this.guard(async () => {
      await this.redis.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
    });
  }

  get(key: string) {
    return this.guard(() => this.redis.get(key));
  }

  delete(key: string) {
    return this.guard(async () => {
      await this.redis.del(key);
    });
  }

  /** Resolves once connected (or after `timeoutMs`, leaving readiness to report the outage). */
  async connected(timeoutMs: number): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      this.redis.on('ready', onReady);
    });
  }

  async ping() {
    await this.redis.ping();
  }

  async close() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** While Redis is away, requests that need it answer 503 (not 500) and readiness says not ready. */
  private async guard<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch {
      throw new ProblemException('unavailable', 'A shared service (Redis) does not answer; try again shortly', undefined, 5);
    }
  }
}
