import { KeyValueStore } from './key-value.store.js';

interface Entry {
  value: string;
  expiresAt: number;
}

export class MemoryStore extends KeyValueStore {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async increment(key: string, windowMs: number) {
    const now = Date.now();
    const entry = this.live(key) ?? { value: '0', expiresAt: now + windowMs };
    entry.value = String(Number(entry.value) + 1);
    this.entries.set(key, entry);
    return { count: Number(entry.value), ttlMs: entry.expiresAt - now };
  }

  async decrement(key: string) {
    const entry = this.live(key);
    if (entry) entry.value = String(Math.max(0, Number(entry.value) - 1));
  }

  async peek(key: string) {
    const entry = this.live(key);
    return entry ? { count: Number(entry.value), ttlMs: entry.expiresAt - Date.now() } : { count: 0, ttlMs: 0 };
  }

  async set(key: string, value: string, ttlMs: number) {
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
  }

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }

  async delete(key: string) {
    this.entries.delete(key);
  }

  async ping() {}

  async close() {
    clearInterval(this.sweeper);
  }

  private sweep() {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
