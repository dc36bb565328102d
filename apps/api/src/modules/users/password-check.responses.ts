import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ProblemDto } from '../../common/dto/problem.dto.js';

/** The answer of a route that checks `currentPassword` through the login limits (LoginLimiter). */
export const CurrentPasswordResponses = () =>
  ApiTooManyRequestsResponse({
    type: ProblemDto,
    description: 'A wrong currentPassword counts as a failed login of the account: past the login limits (see Retry-After)',
  });
