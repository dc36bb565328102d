import { Controller, Get, Header, Headers } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../../common/decorators/access.decorators.js';
import { notFound } from '../../common/problem.js';
import { AppConfig } from '../../config/app-config.js';
import { MetricsService } from './metrics.service.js';

/**
 * `GET /metrics` in Prometheus text format, outside /api. Open outside production; in production
 * only when METRICS_ENABLED=true, and behind `Authorization: Bearer <METRICS_TOKEN>` when that is set.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  render(@Headers('authorization') authorization?: string): Promise<string> {
    if (!this.config.metricsEnabled || !this.authorised(authorization)) throw notFound('/metrics');
    return this.metrics.render();
  }

  private authorised(authorization: string | undefined): boolean {
    const token = this.config.metricsToken;
    if (!token) return true;
    const given = Buffer.from(authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
