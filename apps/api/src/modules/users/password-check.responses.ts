import { applyDecorators } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ProblemDto } from '../../common/dto/problem.dto.js';

/** The 503 of a route that hashes or checks a password (PasswordHasher's queue). */
export const BcryptBusyResponse = () =>
  ApiServiceUnavailableResponse({
    type: ProblemDto,
    description: 'Too many password checks are waiting (BCRYPT_QUEUE_LIMIT); see Retry-After',
  });

/** The answers of a route that checks `currentPassword` through the login limits (LoginLimiter). */
export const CurrentPasswordResponses = () =>
  applyDecorators(
    ApiTooManyRequestsResponse({
      type: ProblemDto,
      description: 'A wrong currentPassword counts as a failed login of the account: past the login limits (see Retry-After)',
    }),
    BcryptBusyResponse(),
  );
