import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../../common/auth-user.js';
import { unauthorized } from '../../common/problem.js';
import { AppConfig } from '../../config/app-config.js';
import { AuthService } from './auth.service.js';
import { JWT_AUDIENCE, JWT_ISSUER, type AccessClaims } from './tokens.service.js';

/**
 * Verifies the bearer token (HS256 only, pinned issuer and audience), then re-reads the user.
 * Marquee never issues a `kid`, so a token naming one is refused before any key is chosen.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super(verificationOptions(config.jwtSecret));
  }

  async validate(claims: AccessClaims): Promise<AuthUser> {
    const user = await this.auth.resolve(claims);
    if (!user) throw unauthorized('The access token has been revoked, or its account is no longer active');
    return user;
  }
}

function verificationOptions(secret: string) {
  // A KeyObject, made once: given a string, jsonwebtoken first tries to read it as a PEM public key
  // on every request, and that failed attempt (an exception) cost ~0.5 ms of CPU per request (bench/README.md).
  // passport-jwt hands the key to jsonwebtoken as it is; its types know only string | Buffer.
  const key = createSecretKey(Buffer.from(secret)) as unknown as Buffer;
  return {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    secretOrKeyProvider: (_request: unknown, rawToken: string, done: (error: Error | null, key?: Buffer) => void) =>
      hasKeyId(rawToken) ? done(new Error('Tokens naming a key id are not accepted')) : done(null, key),
    algorithms: ['HS256' as const],
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    ignoreExpiration: false,
  };
}

function hasKeyId(rawToken: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(rawToken.split('.')[0], 'base64url').toString());
    return typeof header !== 'object' || header === null || 'kid' in header;
  } catch {
    return true;
  }
}
