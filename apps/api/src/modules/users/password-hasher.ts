import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import { AppConfig } from '../../config/app-config.js';

/**
 * bcrypt at `BCRYPT_COST`. Passwords are SHA-256-digested first so every byte counts, not only
 * bcrypt's first 72.
 */
@Injectable()
export class PasswordHasher {
  private readonly dummyHash: Promise<string>;

  constructor(private readonly config: AppConfig) {
    this.dummyHash = bcrypt.hash(digest('no such account'), config.bcryptCost);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(digest(password), this.config.bcryptCost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(digest(password), hash);
  }

  /** Spends the same time as a real check, so an unknown e-mail cannot be told from a wrong password. */
  async verifyNothing(password: string): Promise<false> {
    await bcrypt.compare(digest(password), await this.dummyHash);
    return false;
  }
}

function digest(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('base64');
}
