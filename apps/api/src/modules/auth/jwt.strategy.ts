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
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_request: unknown, rawToken: string, done: (error: Error | null, key?: string) => void) =>
        hasKeyId(rawToken) ? done(new Error('Tokens naming a key id are not accepted')) : done(null, config.jwtSecret),
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims): Promise<AuthUser> {
    const user = await this.auth.resolve(claims);
    if (!user) throw unauthorized('The access token has been revoked, or its account is no longer active');
    return user;
  }
}

function hasKeyId(rawToken: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(rawToken.split('.')[0], 'base64url').toString());
    return typeof header !== 'object' || header === null || 'kid' in header;
  } catch {
    return true;
  }
}
