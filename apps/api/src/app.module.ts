import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { pino } from 'pino';
import { CommonModule } from './common/common.module.js';
import { ProblemDetailsFilter } from './common/filters/problem-details.filter.js';
import { JwtAuthGuard } from './common/guards/jwt-auth.guard.js';
import { PermissionsGuard } from './common/guards/permissions.guard.js';
import { AppValidationPipe } from './common/pipes/validation.pipe.js';
import { RateLimitGuard } from './common/rate-limit/rate-limit.guard.js';
import { RateLimitModule } from './common/rate-limit/rate-limit.module.js';
import { MediaModule } from './common/media/media.module.js';
import { StorageModule } from './common/storage/storage.module.js';
import { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { SeedModule } from './database/seeds/seed.module.js';
import { ApiKeysModule } from './modules/api-keys/api-keys.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { BookingsModule } from './modules/bookings/bookings.module.js';
import { CheckInsModule } from './modules/check-ins/check-ins.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { MessagesModule } from './modules/messages/messages.module.js';
import { MetricsModule } from './modules/metrics/metrics.module.js';
import { RolesModule } from './modules/roles/roles.module.js';
import { SchedulesModule } from './modules/schedules/schedules.module.js';
import { ServicesModule } from './modules/services/services.module.js';
import { AttendeesModule } from './modules/sessions/attendees.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { StatsModule } from './modules/stats/stats.module.js';
import { TicketTypesModule } from './modules/ticket-types/ticket-types.module.js';
import { TicketsModule } from './modules/tickets/tickets.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { VenueModule } from './modules/venue/venue.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';

/**
 * Production logs a line per request. Written one blocking write() each, the lines cost a few
 * percent of the CPU under load (bench/README.md); buffered, they go out 4 kB at a time, and at
 * least every second. pino flushes what is left when the process exits.
 */
function bufferedStdout() {
  const stdout = pino.destination({ sync: false, minLength: 4096 });
  // With a callback, flushing a stream already closed at shutdown reports to it rather than throwing.
  setInterval(() => stdout.flush(() => undefined), 1000).unref();
  return stdout;
}

@Module({})
export class AppModule {
  /** `env` overrides the process environment (tests and the OpenAPI export use it). */
  static forRoot(env: Record<string, string> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(env),
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            const options = {
              level: config.logLevel,
              autoLogging: false,
              quietReqLogger: true,
              transport:
                config.isProduction || config.nodeEnv === 'test' ? undefined : { target: 'pino-pretty', options: { singleLine: true } },
            };
            return { pinoHttp: config.isProduction ? [options, bufferedStdout()] : options, forRoutes: [] };
          },
        }),
        CommonModule,
        StorageModule,
        MediaModule,
        DatabaseModule,
        MetricsModule,
        RateLimitModule,
        AuthModule,
        ApiKeysModule,
        UsersModule,
        RolesModule,
        ServicesModule,
        TicketTypesModule,
        SessionsModule,
        BookingsModule,
        TicketsModule,
        CheckInsModule,
        StatsModule,
        VenueModule,
        SchedulesModule,
        AttendeesModule,
        AuditModule,
        MessagesModule,
        WebhooksModule,
        HealthModule,
        SeedModule,
      ],
      providers: [
        // Order matters: rate limits, then authentication (401: an access token or an API key), then permissions (403).
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PermissionsGuard },
        { provide: APP_PIPE, useClass: AppValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
