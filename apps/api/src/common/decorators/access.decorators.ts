import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Permission } from '@marquee/contracts';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth-user.js';
import { ProblemDto } from '../dto/problem.dto.js';

export const IS_PUBLIC = 'marquee:public';
export const REQUIRED_PERMISSIONS = 'marquee:permissions';
export const REFUSES_API_KEYS = 'marquee:refuses-api-keys';

/**
 * Who may call a route, declared once for the guards and the OpenAPI document (`x-access`).
 * Every route is authenticated unless it says `@Public()`.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}), ApiExtension('x-access', { public: true }));

/**
 * Any signed-in user; `ownership` says which records the route limits them to, `limit` what the
 * service refuses (403) beyond that, whatever the caller's permissions (`x-access.limit`).
 */
export const SignedIn = (ownership?: string, limit?: string) =>
  applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ProblemDto, description: 'Missing, invalid, expired or revoked access token' }),
    ApiExtension('x-access', { signedIn: true, ...(ownership && { ownership }), ...(limit && { limit }) }),
  );

const permissionRule = (permissions: Permission[], limit?: string) =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSIONS, permissions),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ProblemDto, description: 'Missing, invalid, expired or revoked access token' }),
    ApiForbiddenResponse({
      type: ProblemDto,
      description: `Needs ${permissions.join(', ')}${limit ? `. Also refused beyond the limit: ${limit}` : ''}`,
    }),
    ApiExtension('x-access', { permissions, ...(limit && { limit }) }),
  );

/** Signed in and holding every one of `permissions` (403 otherwise). */
export const RequirePermissions = (...permissions: Permission[]) => permissionRule(permissions);

/** {@link RequirePermissions}, plus a rule on what the request may ask for, checked by the service (403, `x-access.limit`). */
export const RequirePermissionsLimited = (permissions: Permission[], limit: string) => permissionRule(permissions, limit);

/**
 * A route that manages the account's credentials (sessions, password, API keys): a request made with
 * an API key gets 403 `api-key-refused` (after the key is authenticated, on a signed-in route), so a
 * leaked key can neither mint keys nor take the account over. The document says so in `x-api-keys`.
 */
export const RefuseApiKeys = () =>
  applyDecorators(
    SetMetadata(REFUSES_API_KEYS, true),
    ApiForbiddenResponse({ type: ProblemDto, description: '`api-key-refused`: API keys cannot be used on this route' }),
    ApiExtension('x-api-keys', 'refused'),
  );

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest & { user: AuthUser }>().user,
);
