import { Module } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config.js';
import { KeyValueStore } from '../storage/key-value.store.js';
import { GLOBAL_LIMIT, RateLimitGuard } from './rate-limit.guard.js';
import { StoreThrottlerStorage } from './store-throttler.storage.js';

const MINUTE_MS = 60_000;

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, KeyValueStore],
      useFactory: (config: AppConfig, store: KeyValueStore) => {
        const limits = config.rateLimits;
        const throttlers: ThrottlerOptions[] = [
          { name: 'register', ttl: MINUTE_MS, limit: limits.registerPerMinute },
          { name: 'refresh', ttl: MINUTE_MS, limit: limits.refreshPerMinute },
          { name: 'recovery', ttl: MINUTE_MS, limit: limits.passwordResetPerMinute },
        ];
        if (limits.globalPerMinute) throttlers.push({ name: GLOBAL_LIMIT, ttl: MINUTE_MS, limit: limits.globalPerMinute });
        return { throttlers, storage: new StoreThrottlerStorage(store), setHeaders: false, getTracker: (request) => String(request.ip) };
      },
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
