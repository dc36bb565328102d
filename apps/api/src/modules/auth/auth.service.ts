import { DEFAULT_ROLE } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import { sessionOf, type AuthUser } from '../../common/auth-user.js';
import { unauthorized } from '../../common/problem.js';
import type { UserDto } from '../users/dto/user.dto.js';
import { LoginLimiter } from '../users/login-limiter.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { UsersService } from '../users/users.service.js';
import type { AuthResponseDto, LoginDto, MeDto, RegisterDto, UpdateMeDto } from './dto/auth.dto.js';
import { TokensService, type AccessClaims } from './tokens.service.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokensService,
    private readonly limiter: LoginLimiter,
  ) {}

  async register(dto: RegisterDto): Promise<AuthResponseDto> {
    const user = await this.users.createAccount({ ...dto, role: DEFAULT_ROLE });
    return this.signedIn(user);
  }

  /**
   * The same 401 for an unknown e-mail and a wrong password; 429 past the failure limits, which count
   * per account (by id, whatever the spelling of its e-mail) and address (LoginLimiter).
   */
  async login(dto: LoginDto, address: string): Promise<AuthResponseDto> {
    const user = await this.users.findForLogin(dto.email);
    const valid = await this.limiter.check(user ? { userId: user.id } : { email: dto.email }, address, async () =>
      user ? (await this.hasher.verify(dto.password, user.passwordHash)) && user.isActive : this.hasher.verifyNothing(dto.password),
    );
    if (!user || !valid) throw unauthorized('The e-mail or password is wrong');
    return this.signedIn(this.users.toDto(user));
  }

  async refresh(refreshToken: string): Promise<AuthResponseDto> {
    const stored = await this.tokens.find(refreshToken);
    const user = stored && (await this.users.findActive(stored.userId));
    if (!stored || !user) throw unauthorized('The refresh token is not valid');
    return { user, ...(await this.tokens.rotate(stored)) };
  }

  /** Revokes the caller's session (its access tokens at once) and the given refresh token's session. */
  async logout(actor: AuthUser, refreshToken?: string): Promise<void> {
    const sessionId = sessionOf(actor);
    await this.tokens.revokeFamily(sessionId);
    if (refreshToken) {
      const stored = await this.tokens.find(refreshToken);
      if (stored?.userId === actor.id && stored.familyId !== sessionId) await this.tokens.revokeFamily(stored.familyId);
    }
  }

  async profile(actor: AuthUser): Promise<MeDto> {
    const { createdAt, emailVerified } = await this.users.get(actor, actor.id);
    const { id, name, email, role } = actor;
    return { id, name, email, role, permissions: [...actor.permissions], emailVerified, createdAt };
  }

  /** Name, e-mail and password of one's own account; a new password signs out every other session. */
  async updateMe(actor: AuthUser, dto: UpdateMeDto, address: string): Promise<UserDto> {
    const sessionId = sessionOf(actor);
    const { user, passwordChanged } = await this.users.update(actor, actor.id, dto, address);
    if (passwordChanged) await this.tokens.revokeOtherSessions(actor.id, sessionId);
    return user;
  }

  /** Turns verified access-token claims into the caller, or undefined when the token must be refused. */
  async resolve(claims: AccessClaims): Promise<AuthUser | undefined> {
    const id = Number(claims.sub);
    if (!Number.isSafeInteger(id) || typeof claims.jti !== 'string' || typeof claims.sid !== 'string') return undefined;
    const [revoked, user] = await Promise.all([this.tokens.isSessionRevoked(claims.sid), this.users.findSessionUser(id)]);
    if (revoked || !user) return undefined;
    return { ...user, permissions: new Set(user.permissions), sessionId: claims.sid };
  }

  private async signedIn(user: UserDto): Promise<AuthResponseDto> {
    return { user, ...(await this.tokens.startSession(user.id)) };
  }
}
