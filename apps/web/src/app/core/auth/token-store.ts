import { Injectable } from '@angular/core';

const KEY = 'marquee.session';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
}

/** The token pair, kept in localStorage so a reload keeps the session. */
@Injectable({ providedIn: 'root' })
export class TokenStore {
  private tokens: StoredTokens | null = read();

  get accessToken(): string | null {
    return this.tokens?.accessToken ?? null;
  }

  get refreshToken(): string | null {
    return this.tokens?.refreshToken ?? null;
  }

  save(tokens: StoredTokens): void {
    this.tokens = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
    try {
      localStorage.setItem(KEY, JSON.stringify(this.tokens));
    } catch {
      // Private mode or storage full: the session lasts until the tab closes.
    }
  }

  clear(): void {
    this.tokens = null;
    try {
      localStorage.removeItem(KEY);
    } catch {
      // Nothing stored.
    }
  }
}

function read(): StoredTokens | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredTokens>;
    return typeof value.accessToken === 'string' && typeof value.refreshToken === 'string'
      ? { accessToken: value.accessToken, refreshToken: value.refreshToken }
      : null;
  } catch {
    return null;
  }
}
