import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ProblemDto } from '../dto/problem.dto.js';

export const RATE_LIMIT = 'marquee:rate-limit';
export type RateLimitName = 'register' | 'refresh' | 'recovery';

/** Counts every request to this route against the per-address limit `name` (429 past it). */
export const RateLimit = (name: RateLimitName) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT, name),
    ApiTooManyRequestsResponse({ type: ProblemDto, description: 'Too many requests from this address (see Retry-After)' }),
  );
