import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AccessTokenAuthenticator, presentedBearerToken } from '../access-token.js';
import { ApiKeyAuthenticator, presentedApiKey } from '../api-key.js';
import type { AuthUser } from '../auth-user.js';
import { IS_PUBLIC, REFUSES_API_KEYS } from '../decorators/access.decorators.js';
import { apiKeyRefused, unauthorized } from '../problem.js';

interface RouteAccess {
  isPublic: boolean;
  refusesKeys: boolean;
}

/**
 * Global: every route needs a valid access token or API key (`Bearer mk_…`) unless it is `@Public()`.
 * A route marked `@RefuseApiKeys()` answers a request made with a key 403, public or not.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  /** Per controller and handler, what their decorators say (read once: they do not change). */
  private readonly access = new WeakMap<object, Map<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenAuthenticator,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, refusesKeys } = this.accessOf(context);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const key = presentedApiKey(request);
    if (key === undefined) {
      // A public route has no caller to authenticate.
      if (isPublic) return true;
      const token = presentedBearerToken(request);
      if (token === undefined) throw unauthorized('A valid access token is required');
      request.user = await this.accessTokens.authenticate(token);
      return true;
    }
    // A public route has no caller to authenticate; one that refuses keys refuses them unread.
    if (!isPublic) request.user = await this.apiKeys.authenticate(key);
    if (refusesKeys) throw apiKeyRefused();
    return true;
  }

  private accessOf(context: ExecutionContext): RouteAccess {
    const [handler, controller] = [context.getHandler(), context.getClass()];
    let handlers = this.access.get(controller);
    if (!handlers) this.access.set(controller, (handlers = new Map()));
    let access = handlers.get(handler);
    if (!access) {
      const targets = [handler, controller];
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
        refusesKeys: this.reflector.getAllAndOverride<boolean>(REFUSES_API_KEYS, targets) ?? false,
      };
      handlers.set(handler, access);
    }
    return access;
  }
}
