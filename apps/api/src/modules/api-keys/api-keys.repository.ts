import { ALL_PERMISSIONS, type Permission } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { readInstant } from '../../database/plain-rows.js';
import { forUpdate } from '../../database/transactions.js';
import { ApiKey, ApiKeyPermission } from './api-key.entity.js';

/** A key as its owner sees it, with the permissions it was given. */
export type StoredApiKey = ApiKey & { permissions: Permission[] };

/** What authenticating a key needs to know of it. */
export interface KeyForAuthentication {
  id: number;
  userId: number;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  permissions: Permission[];
}

export type NewApiKey = Pick<ApiKey, 'userId' | 'name' | 'prefix' | 'keyHash' | 'expiresAt'> & { permissions: Permission[] };

/** The SQL of API keys and their permissions. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The key whose hash is `keyHash`, or undefined: one indexed lookup (one row per permission) on
   * every request made with a key. Plain SQL, like the access token's user lookup.
   */
  async findByHash(keyHash: string): Promise<KeyForAuthentication | undefined> {
    const rows: { id: number; user_id: number; expires_at: unknown; last_used_at: unknown; permission: Permission | null }[] =
      await this.dataSource.query(
        'SELECT k.id, k.user_id, k.expires_at, k.last_used_at, p.permission FROM api_keys k ' +
          'LEFT JOIN api_key_permissions p ON p.api_key_id = k.id WHERE k.key_hash = ?',
        [keyHash],
      );
    if (rows.length === 0) return undefined;
    const [row] = rows;
    return {
      id: Number(row.id),
      userId: Number(row.user_id),
      expiresAt: row.expires_at === null ? null : readInstant(row.expires_at),
      lastUsedAt: row.last_used_at === null ? null : readInstant(row.last_used_at),
      permissions: rows.flatMap(({ permission }) => (permission === null ? [] : [permission])),
    };
  }

  /** The user's keys, oldest first. */
  async listOf(userId: number): Promise<StoredApiKey[]> {
    const keys = await this.dataSource.getRepository(ApiKey).find({ where: { userId }, order: { id: 'ASC' } });
    return this.withPermissions(this.dataSource.manager, keys);
  }

  /**
   * Locks the owner's row until the transaction ends (see forUpdate), so that two keys made at
   * once are counted one after the other; answers how many keys the owner has.
   */
  async countLockingOwner(manager: EntityManager, userId: number): Promise<number> {
    await manager.query(`SELECT id FROM users WHERE id = ?${forUpdate(manager)}`, [userId]);
    return manager.countBy(ApiKey, { userId });
  }

  async insert(manager: EntityManager, key: NewApiKey): Promise<StoredApiKey> {
    const { permissions, ...columns } = key;
    const { identifiers } = await manager.insert(ApiKey, { ...columns, lastUsedAt: null });
    const id = Number(identifiers[0].id);
    if (permissions.length > 0)
      await manager.insert(
        ApiKeyPermission,
        permissions.map((permission) => ({ apiKeyId: id, permission })),
      );
    const [stored] = await this.withPermissions(manager, [await manager.findOneByOrFail(ApiKey, { id })]);
    return stored;
  }

  /** Deletes the user's key `id` (its permissions go with it); answers it as it was, or undefined when the user has no such key. */
  async remove(manager: EntityManager, userId: number, id: number): Promise<StoredApiKey | undefined> {
    const key = await manager.findOneBy(ApiKey, { id, userId });
    if (!key) return undefined;
    const [stored] = await this.withPermissions(manager, [key]);
    const deleted = await manager.delete(ApiKey, { id, userId });
    return deleted.affected === 1 ? stored : undefined;
  }

  /**
   * Records a use at `now` unless one was recorded in the minute before it (so a busy key writes at
   * most once a minute, and instances that race write once); answers whether it wrote.
   */
  async recordUse(manager: EntityManager, id: number, now: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ApiKey)
      .set({ lastUsedAt: now })
      .where('id = :id AND (last_used_at IS NULL OR last_used_at <= :minuteAgo)', { id, minuteAgo: new Date(now.getTime() - 60_000) })
      .execute();
    return result.affected === 1;
  }

  private async withPermissions(manager: EntityManager, keys: ApiKey[]): Promise<StoredApiKey[]> {
    if (keys.length === 0) return [];
    const grants = await manager.find(ApiKeyPermission, { where: { apiKeyId: In(keys.map(({ id }) => id)) } });
    return keys.map((key) => {
      const granted = new Set(grants.filter(({ apiKeyId }) => apiKeyId === key.id).map(({ permission }) => permission));
      return Object.assign(key, { permissions: ALL_PERMISSIONS.filter((permission) => granted.has(permission)) });
    });
  }
}
