import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags, type ApiPropertyOptions } from '@nestjs/swagger';
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

// Declared by hand: the Swagger plugin only reads *.dto.ts files, and an undeclared property is off-contract.
export class LivenessDto {
  @ApiProperty({ enum: ['ok'], description: 'Always `ok` while the process answers.' })
  status!: string;
}

/** Indicators (`database`, `redis`) by name: `{ status: "up" | "down", … }` with each one's own details. */
const indicators = (description: string, example: Record<string, { status: string }>): ApiPropertyOptions => ({
  description,
  example,
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    required: ['status'],
    additionalProperties: true,
  },
});

/** The Terminus health-check result (a failing check answers a 503 problem instead). */
export class ReadinessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: string;

  @ApiProperty(indicators('The indicators that answer.', { database: { status: 'up' } }))
  info!: Record<string, { status: string }>;

  @ApiProperty(indicators('The indicators that do not answer (empty on a 200).', {}))
  error!: Record<string, { status: string }>;

  @ApiProperty(indicators('Every indicator.', { database: { status: 'up' } }))
  details!: Record<string, { status: string }>;
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
  @ApiOkResponse({ type: ReadinessDto })
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
