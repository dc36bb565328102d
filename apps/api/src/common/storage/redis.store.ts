import { Redis } from 'ioredis';
import { KeyValueStore } from './key-value.store.js';

export class RedisStore extends KeyValueStore {
  private readonly redis: Redis;

  constructor(url: string, keyPrefix: string) {
    super();
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, keyPrefix, lazyConnect: false });
    this.redis.on('error', () => undefined); // readiness reports it; commands fail fast meanwhile
  }

  async increment(key: string, windowMs: number) {
    const result = await this.redis.multi().incr(key).pexpire(key, windowMs, 'NX').pttl(key).exec();
    if (!result) throw new Error('Redis transaction was aborted');
    return { count: Number(result[0][1]), ttlMs: Math.max(0, Number(result[2][1])) };
  }

  async peek(key: string) {
    const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    return { count: Number(count ?? 0), ttlMs: Math.max(0, ttl) };
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.redis.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async get(key: string) {
    return this.redis.get(key);
  }

  async delete(key: string) {
    await this.redis.del(key);
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
}
