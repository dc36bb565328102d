import { computed, inject, Injectable, signal } from '@angular/core';
import type { Permission } from '@marquee/contracts';
import { type AuthResponseDto, type LoginDto, type MeDto, type RegisterDto } from '@marquee/contracts/client';
import { authLogin, authLogout, authMe, authRefresh, authRegister } from '@marquee/contracts/client/functions';
import { ApiClient } from '../api/api-client';
import { TokenStore } from './token-store';

/** Who is signed in, with their permissions; signs in, out, and refreshes the token pair. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(ApiClient);
  private readonly tokens = inject(TokenStore);
  private readonly current = signal<MeDto | null>(null);
  private refreshing: Promise<boolean> | null = null;

  readonly user = this.current.asReadonly();
  readonly isLoggedIn = computed(() => this.current() !== null);
  readonly permissions = computed(() => new Set(this.current()?.permissions ?? []));
  /** Any staff permission opens the admin area. */
  readonly isStaff = computed(() => this.permissions().size > 0);

  can(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  get accessToken(): string | null {
    return this.tokens.accessToken;
  }

  /** At start-up: a stored session becomes the current user, or is dropped. */
  async restore(): Promise<void> {
    if (!this.tokens.accessToken) return;
    try {
      await this.loadMe();
    } catch {
      this.clearSession();
    }
  }

  async login(credentials: LoginDto): Promise<void> {
    await this.startSession(await this.api.call(authLogin, { body: credentials }));
  }

  async register(details: RegisterDto): Promise<void> {
    await this.startSession(await this.api.call(authRegister, { body: details }));
  }

  async logout(): Promise<void> {
    const refreshToken = this.tokens.refreshToken;
    try {
      if (this.tokens.accessToken) await this.api.call(authLogout, { body: refreshToken ? { refreshToken } : {} });
    } catch {
      // The session ends on this side whatever the server says.
    } finally {
      this.clearSession();
    }
  }

  async loadMe(): Promise<MeDto> {
    const me = await this.api.call(authMe, undefined);
    this.current.set(me);
    return me;
  }

  /** Updates the signed-in user's name, email or its verification after a profile change. */
  patchUser(changes: Partial<Pick<MeDto, 'name' | 'email' | 'emailVerified'>>): void {
    this.current.update((me) => (me ? { ...me, ...changes } : me));
  }

  /** Trades the refresh token for a new pair, once for every caller waiting at the same time. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  clearSession(): void {
    this.tokens.clear();
    this.current.set(null);
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = this.tokens.refreshToken;
    if (!refreshToken) return false;
    try {
      const pair = await this.api.call(authRefresh, { body: { refreshToken } });
      this.tokens.save(pair);
      return true;
    } catch {
      return false;
    }
  }

  private async startSession(response: AuthResponseDto): Promise<void> {
    this.tokens.save(response);
    await this.loadMe();
  }
}
