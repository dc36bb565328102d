import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import { presentedApiKey } from '../api-key.js';
import { ProblemException } from '../problem.js';
import { RATE_LIMIT } from './rate-limit.decorator.js';

export const GLOBAL_LIMIT = 'global';
export const API_KEY_LIMIT = 'api-key';

/**
 * @nestjs/throttler with one named throttler per limit: `global` (when RATE_LIMIT_GLOBAL is set)
 * counts every request; `api-key` every request made with an API key; the others count only on
 * routes marked `@RateLimit(name)`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /**
   * Without a global limit, a route not marked `@RateLimit` has nothing to count unless the request
   * carries an API key: skip the throttler's per-limit lookups, which every request paid for (bench/README.md).
   */
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (this.throttlers.some((throttler) => throttler.name === GLOBAL_LIMIT)) return false;
    if (presentedApiKey(context.switchToHttp().getRequest()) !== undefined) return false;
    return this.reflector.get<string | undefined>(RATE_LIMIT, context.getHandler()) === undefined;
  }

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const name = request.throttler.name;
    const routeLimit = this.reflector.get<string | undefined>(RATE_LIMIT, request.context.getHandler());
    if (name !== GLOBAL_LIMIT && name !== API_KEY_LIMIT && name !== routeLimit) return Promise.resolve(true);
    return super.handleRequest(request);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new ProblemException('rate-limited', 'Too many requests; try again later', undefined, Math.max(1, detail.timeToBlockExpire));
  }
}
