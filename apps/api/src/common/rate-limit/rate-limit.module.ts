import { Module } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config.js';
import { hashApiKey, presentedApiKey } from '../api-key.js';
import { KeyValueStore } from '../storage/key-value.store.js';
import { API_KEY_LIMIT, GLOBAL_LIMIT, RateLimitGuard } from './rate-limit.guard.js';
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
          // Every request made with an API key, in the key's own bucket (by its hash) whatever the route or address.
          {
            name: API_KEY_LIMIT,
            ttl: MINUTE_MS,
            limit: limits.apiKeyPerMinute,
            skipIf: (context) => presentedApiKey(context.switchToHttp().getRequest()) === undefined,
            getTracker: (request) => hashApiKey(presentedApiKey(request as FastifyRequest) ?? ''),
            generateKey: (_context, tracker) => tracker,
          },
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
