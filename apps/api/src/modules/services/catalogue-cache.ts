import { Injectable } from '@nestjs/common';
import { KeyValueStore } from '../../common/storage/key-value.store.js';
import { AppConfig } from '../../config/app-config.js';

const VERSION_KEY = 'catalogue:version';
const VERSION_LIFETIME_MS = 7 * 86_400_000;

/**
 * A short-lived cache of the public catalogue (`CATALOGUE_CACHE_SECONDS`, off when 0) in the shared
 * store. Entries are keyed by a catalogue version that every service write bumps, so a write is
 * seen at once by every instance sharing the store (Redis), however long the entries would live.
 */
@Injectable()
export class CatalogueCache {
  private readonly ttlMs: number;

  constructor(
    private readonly store: KeyValueStore,
    config: AppConfig,
  ) {
    this.ttlMs = config.catalogueCacheSeconds * 1000;
  }

  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs === 0) return load();
    const version = (await this.store.get(VERSION_KEY)) ?? '0';
    const entryKey = `catalogue:${version}:${key}`;
    const cached = await this.store.get(entryKey);
    if (cached !== null) return JSON.parse(cached) as T;
    const value = await load();
    await this.store.set(entryKey, JSON.stringify(value), this.ttlMs);
    return value;
  }

  /** After any change to a service: every cached page and service is stale from now on. */
  async invalidate(): Promise<void> {
    if (this.ttlMs > 0) await this.store.increment(VERSION_KEY, VERSION_LIFETIME_MS);
  }
}
