import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Permission } from '@marquee/contracts';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth-user.js';
import { ProblemDto } from '../dto/problem.dto.js';

export const IS_PUBLIC = 'marquee:public';
export const REQUIRED_PERMISSIONS = 'marquee:permissions';

/**
 * Who may call a route, declared once for the guards and the OpenAPI document (`x-access`).
 * Every route is authenticated unless it says `@Public()`.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}), ApiExtension('x-access', { public: true }));

/** Any signed-in user; `ownership` says which records the route limits them to. */
export const SignedIn = (ownership?: string) =>
  applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ProblemDto, description: 'Missing, invalid, expired or revoked access token' }),
    ApiExtension('x-access', ownership ? { signedIn: true, ownership } : { signedIn: true }),
  );

/** Signed in and holding every one of `permissions` (403 otherwise). */
export const RequirePermissions = (...permissions: Permission[]) =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSIONS, permissions),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ProblemDto, description: 'Missing, invalid, expired or revoked access token' }),
    ApiForbiddenResponse({ type: ProblemDto, description: `Needs ${permissions.join(', ')}` }),
    ApiExtension('x-access', { permissions }),
  );

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest & { user: AuthUser }>().user,
);
