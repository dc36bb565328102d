import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { unauthorized } from '../../common/problem.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transactions.js';
import { RefreshToken } from './refresh-token.entity.js';
import { Sessions } from './sessions.js';

export const JWT_ISSUER = 'marquee';
export const JWT_AUDIENCE = 'marquee-api';

export interface AccessClaims {
  sub: string;
  jti: string;
  /** The session (refresh-token family) this token was issued for. */
  sid: string;
  iat: number;
  exp: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Access tokens: short-lived HS256 JWTs naming their session (`sid`, the refresh-token family).
 * Refresh tokens: `<id>.<secret>`, kept hashed in `refresh_tokens`, spent on use; a spent one
 * presented again revokes its whole family. Revoking a family also puts its session on a denylist
 * in the shared store for one access-token lifetime, so every access token of that session stops
 * working at once (logout, reuse, a password change elsewhere).
 */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly sessions: Sessions,
    private readonly transactions: Transactions,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  /** A new session: a new refresh-token family. */
  startSession(userId: number): Promise<TokenPair> {
    return this.transactions.run(async (manager) => {
      const { token, entity } = this.newRefreshToken(userId, randomUUID());
      await manager.insert(RefreshToken, entity);
      return this.pair(userId, entity.familyId, token);
    });
  }

  /** Spends a genuine refresh token (from {@link find}) for a new pair. Reusing a spent one revokes its family (401). */
  async rotate(found: RefreshToken): Promise<TokenPair> {
    const outcome = await this.transactions.run(async (manager) => {
      const { token, entity } = this.newRefreshToken(found.userId, found.familyId);
      const spent = await manager
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ revokedAt: new Date(), replacedBy: entity.id })
        .where('id = :id AND revoked_at IS NULL AND expires_at > :now', { id: found.id, now: new Date() })
        .execute();
      // Not spendable: expired, or spent or revoked (possibly by a concurrent request since it was read) — a reuse.
      if (spent.affected !== 1) return { reused: found.expiresAt.getTime() > Date.now() };
      await manager.insert(RefreshToken, entity);
      return { tokens: await this.pair(found.userId, found.familyId, token) };
    });
    if ('tokens' in outcome && outcome.tokens) return outcome.tokens;
    if (outcome.reused) await this.revokeFamily(found.familyId);
    throw unauthorized(
      outcome.reused ? 'The refresh token was already used; the session has been revoked' : 'The refresh token has expired',
    );
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.transactions.run((manager) => manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() }));
    await this.sessions.deny(familyId);
  }

  /** Revokes every session of a user but `keepFamilyId` (after a password change). */
  async revokeOtherSessions(userId: number, keepFamilyId: string): Promise<void> {
    await this.sessions.deny(...(await this.transactions.run((manager) => this.sessions.revoke(manager, userId, keepFamilyId))));
  }

  isSessionRevoked(sessionId: string): Promise<boolean> {
    return this.sessions.isDenied(sessionId);
  }

  private async pair(userId: number, sessionId: string, refreshToken: string): Promise<TokenPair> {
    const accessToken = await this.jwt.signAsync(
      { sid: sessionId },
      {
        subject: String(userId),
        jwtid: randomUUID(),
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        algorithm: 'HS256',
        expiresIn: this.config.accessTtlSeconds,
      },
    );
    return { accessToken, refreshToken, expiresIn: this.config.accessTtlSeconds, tokenType: 'Bearer' };
  }

  private newRefreshToken(userId: number, familyId: string) {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const entity: Partial<RefreshToken> & { familyId: string } = {
      id,
      userId,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.refreshTtlSeconds * 1000),
      revokedAt: null,
      replacedBy: null,
    };
    return { token: `${id}.${secret}`, entity };
  }

  /** The stored refresh token, if `presented` is genuine (spent or not). */
  async find(presented: string): Promise<RefreshToken | undefined> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const stored = await this.refreshTokens.findOneBy({ id });
    if (!stored) return undefined;
    const expected = Buffer.from(stored.tokenHash, 'hex');
    const actual = Buffer.from(sha256(secret), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? stored : undefined;
  }
}
