import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ApiKeyAuthenticator, presentedApiKey } from '../api-key.js';
import type { AuthUser } from '../auth-user.js';
import { IS_PUBLIC, REFUSES_API_KEYS } from '../decorators/access.decorators.js';
import { apiKeyRefused, unauthorized } from '../problem.js';

/**
 * Global: every route needs a valid access token or API key (`Bearer mk_…`) unless it is `@Public()`.
 * A route marked `@RefuseApiKeys()` answers a request made with a key 403, public or not.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const refusesKeys = this.reflector.getAllAndOverride<boolean>(REFUSES_API_KEYS, targets);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const key = presentedApiKey(request);
    if (key === undefined) return isPublic || (super.canActivate(context) as Promise<boolean>);
    // A public route has no caller to authenticate; one that refuses keys refuses them unread.
    if (!isPublic) request.user = await this.apiKeys.authenticate(key);
    if (refusesKeys) throw apiKeyRefused();
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    // A failure while checking the token (database or Redis away) is not a bad token: never a 401.
    if (error) throw error;
    if (!user) {
      const reason =
        info instanceof Error && info.name === 'TokenExpiredError' ? 'The access token has expired' : 'A valid access token is required';
      throw unauthorized(reason);
    }
    return user;
  }
}
