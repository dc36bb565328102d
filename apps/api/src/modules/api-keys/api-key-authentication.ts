import { Injectable } from '@nestjs/common';
import { ApiKeyAuthenticator, hashApiKey } from '../../common/api-key.js';
import type { AuthUser } from '../../common/auth-user.js';
import { unauthorized } from '../../common/problem.js';
import { Transactions } from '../../database/transactions.js';
import { UsersService } from '../users/users.service.js';
import { ApiKeysRepository } from './api-keys.repository.js';

const MINUTE_MS = 60_000;

/**
 * `Authorization: Bearer mk_…`: the key is looked up by its hash on every request (nothing is cached
 * in the process, so a revoked key is refused at once on every instance), then its owner as an
 * access token's user is (active, not deleted, the role's permissions now). The caller acts as the
 * owner with the permissions that both the key and the owner's role hold.
 */
@Injectable()
export class ApiKeyAuthentication extends ApiKeyAuthenticator {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly users: UsersService,
    private readonly transactions: Transactions,
  ) {
    super();
  }

  async authenticate(key: string): Promise<AuthUser> {
    const now = new Date();
    const stored = await this.keys.findByHash(hashApiKey(key));
    if (!stored) throw unauthorized('The API key is not valid, or has been revoked');
    if (stored.expiresAt && stored.expiresAt.getTime() <= now.getTime()) throw unauthorized('The API key has expired');
    const owner = await this.users.findSessionUser(stored.userId);
    if (!owner) throw unauthorized("The API key's account is no longer active");
    if (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() >= MINUTE_MS) {
      await this.transactions.run((manager) => this.keys.recordUse(manager, stored.id, now));
    }
    const given = new Set(stored.permissions);
    return { ...owner, permissions: new Set(owner.permissions.filter((permission) => given.has(permission))), apiKeyId: stored.id };
  }
}
