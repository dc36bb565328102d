import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import { ProblemException } from '../problem.js';
import { RATE_LIMIT } from './rate-limit.decorator.js';

export const GLOBAL_LIMIT = 'global';

/**
 * @nestjs/throttler with one named throttler per limit: `global` (when RATE_LIMIT_GLOBAL is set)
 * counts every request; the others count only on routes marked `@RateLimit(name)`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /**
   * Without a global limit, a route not marked `@RateLimit` has nothing to count: skip the
   * throttler's per-limit lookups, which every request paid for (bench/README.md).
   */
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (this.throttlers.some((throttler) => throttler.name === GLOBAL_LIMIT)) return false;
    return this.reflector.get<string | undefined>(RATE_LIMIT, context.getHandler()) === undefined;
  }

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const name = request.throttler.name;
    const routeLimit = this.reflector.get<string | undefined>(RATE_LIMIT, request.context.getHandler());
    if (name !== GLOBAL_LIMIT && name !== routeLimit) return Promise.resolve(true);
    return super.handleRequest(request);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new ProblemException('rate-limited', 'Too many requests; try again later', undefined, Math.max(1, detail.timeToBlockExpire));
  }
}
