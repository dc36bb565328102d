import { Global, Inject, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { KeyValueStore } from './key-value.store.js';
import { MemoryStore } from './memory.store.js';
import { RedisStore } from './redis.store.js';

@Global()
@Module({
  providers: [
    {
      provide: KeyValueStore,
      inject: [AppConfig],
      useFactory: (config: AppConfig): KeyValueStore =>
        config.redisUrl ? new RedisStore(config.redisUrl, config.redisPrefix) : new MemoryStore(),
    },
  ],
  exports: [KeyValueStore],
})
export class StorageModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(KeyValueStore) private readonly store: KeyValueStore) {}

  /** Serve no request before Redis answers (commands fail fast while it is away). */
  async onModuleInit() {
    if (this.store instanceof RedisStore && !(await this.store.connected(10_000))) {
      new Logger('Storage').error('Redis (REDIS_URL) does not answer: the instance stays not ready until it does');
    }
  }

  async onApplicationShutdown() {
    await this.store.close();
  }
}
