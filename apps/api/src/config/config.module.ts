import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config.js';
import { validateEnvironment } from './env.schema.js';

/** Validates the process environment (main.ts loads `.env` into it) them at boot and exposes {@link AppConfig}. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(overrides: Record<string, string> = {}): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: true,
          validate: (raw) => ({ ...validateEnvironment({ ...raw, ...overrides }) }),
        }),
      ],
      providers: [AppConfig],
      exports: [AppConfig],
    };
  }
}
