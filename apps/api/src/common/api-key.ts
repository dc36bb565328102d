import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from './auth-user.js';

/** Every API key starts with this, so that a key is told from an access token (and found by secret scanners). */
export const API_KEY_PREFIX = 'mk_';

const BEARER_API_KEY = /^bearer +(mk_[A-Za-z0-9_-]{1,100})$/i;

/** The API key a request is authenticated with (`Authorization: Bearer mk_…`), or undefined. */
export function presentedApiKey(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' ? BEARER_API_KEY.exec(header.trim())?.[1] : undefined;
}

/** What is stored of a key, and what it is looked up by: its SHA-256, hex (the key is 32 random bytes). */
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * Turns an API key into the caller it acts for, or throws (401 for a key that is unknown, revoked
 * or expired, or whose owner is no longer active). Implemented by the api-keys module; the global
 * authentication guard calls it for `Bearer mk_…`.
 */
export abstract class ApiKeyAuthenticator {
  abstract authenticate(key: string): Promise<AuthUser>;
}
