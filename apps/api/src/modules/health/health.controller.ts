import { Controller, Get } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { AppConfig } from '../../config/app-config.js';
import { Public } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { KeyValueStore } from '../../common/storage/key-value.store.js';

export class LivenessDto {
  /** Always `ok` while the process answers. */
  status!: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly store: KeyValueStore,
    private readonly config: AppConfig,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @Public()
  live(): LivenessDto {
    return { status: 'ok' };
  }

  /** Readiness: the database (and Redis, when configured) answer; 503 otherwise. */
  @Get('ready')
  @Public()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'A dependency does not answer' })
  ready(): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [() => this.database.pingCheck('database').withTimeout(2000)];
    if (this.config.redisUrl) {
      checks.push(() =>
        this.indicators
          .check('redis')
          .attempt(() => this.store.ping())
          .withTimeout(2000),
      );
    }
    return this.health.check(checks);
  }
}
