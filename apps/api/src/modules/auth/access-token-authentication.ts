import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessTokenAuthenticator } from '../../common/access-token.js';
import type { AuthUser } from '../../common/auth-user.js';
import { unauthorized } from '../../common/problem.js';
import { AppConfig } from '../../config/app-config.js';
import { AuthService } from './auth.service.js';
import { JWT_AUDIENCE, JWT_ISSUER, type AccessClaims } from './tokens.service.js';

/** Three base64url parts: a JWS in compact form, with a signature. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** How many verified tokens are remembered (a few hundred bytes each), the oldest forgotten first. */
const VERIFIED_TOKENS_KEPT = 10_000;

/** Why a token is refused, as its 401 says. */
const INVALID = 'A valid access token is required';
const EXPIRED = 'The access token has expired';

/**
 * Verifies an access token (TokensService issues them), then re-reads its user and session. HS256
 * only, with the pinned issuer and audience; a token naming a key (`kid`) is refused, as Marquee
 * never issues one.
 */
@Injectable()
export class AccessTokenAuthentication extends AccessTokenAuthenticator {
  private readonly key: KeyObject;
  /**
   * Tokens verified already, with their claims: a client sends the same token with every request
   * until it expires, and its signature and claims do not change. Expiry is checked on every use.
   */
  private readonly verified = new Map<string, AccessClaims>();

  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super();
    this.key = createSecretKey(Buffer.from(config.jwtSecret));
  }

  async authenticate(token: string): Promise<AuthUser> {
    const claims = this.claimsOf(token, Math.floor(Date.now() / 1000));
    const user = await this.auth.resolve(claims);
    if (!user) throw unauthorized('The access token has been revoked, or its account is no longer active');
    return user;
  }

  private claimsOf(token: string, now: number): AccessClaims {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp > now) return known;
      this.verified.delete(token);
      throw unauthorized(EXPIRED);
    }
    const claims = verifyAccessToken(token, this.key, now);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, claims);
    return claims;
  }
}

/**
 * The claims of a genuine, current access token of this API, or a 401: an HS256 signature by `key`
 * over the header and payload as sent (compared in constant time), a header saying HS256 and naming
 * no key, and claims with `iss` and `aud` of this API, `exp` after `now` and any `nbf` not after it
 * (seconds since the epoch).
 */
function verifyAccessToken(token: string, key: KeyObject, now: number): AccessClaims {
  if (!COMPACT_JWS.test(token)) throw unauthorized(INVALID);
  const [header, payload, signature] = token.split('.');
  const head = parseJson(header);
  if (head?.alg !== 'HS256' || 'kid' in head) throw unauthorized(INVALID);
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorized(INVALID);
  const claims = parseJson(payload);
  if (!claims || claims.iss !== JWT_ISSUER || ![claims.aud].flat().includes(JWT_AUDIENCE)) throw unauthorized(INVALID);
  if (claims.nbf !== undefined && !(typeof claims.nbf === 'number' && claims.nbf <= now)) throw unauthorized(INVALID);
  if (typeof claims.exp !== 'number') throw unauthorized(INVALID);
  if (claims.exp <= now) throw unauthorized(EXPIRED);
  return claims as unknown as AccessClaims;
}

/** The JSON object a base64url part holds, or undefined. */
function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString());
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
