import type { FastifyRequest } from 'fastify';
import type { AuthUser } from './auth-user.js';

const BEARER = /^\s*bearer\s+(\S+)\s*$/i;

/** The bearer token of a request's Authorization header, or undefined. */
export function presentedBearerToken(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
}

/**
 * Turns an access token into the caller it was issued to, or throws (401 for a token that is not a
 * genuine, current one of this API, or whose session or account has ended since). Implemented by the
 * auth module; the global authentication guard calls it for `Bearer <token>`.
 */
export abstract class AccessTokenAuthenticator {
  abstract authenticate(token: string): Promise<AuthUser>;
}
