import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { API_KEY_PREFIX, hashApiKey } from '../../common/api-key.js';
import { lacking, type AuthUser } from '../../common/auth-user.js';
import { conflict, forbidden, notFound, validationProblem } from '../../common/problem.js';
import { Transactions } from '../../database/transactions.js';
import { AuditLog } from '../audit/audit-log.js';
import { ApiKeysRepository, type StoredApiKey } from './api-keys.repository.js';
import type { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';
import type { CreateApiKeyDto } from './dto/create-api-key.dto.js';

/** Keys one account may hold at once (409 beyond): enough for every integration, bounded for the list. */
export const MAX_KEYS_PER_USER = 50;
/** `mk_` and this many characters of the secret are kept in clear, to recognise the key. */
const SHOWN_CHARACTERS = 8;

/** Personal access tokens: made with some of the maker's permissions, listed and revoked by their owner only. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
  ) {}

  /**
   * A new key with `permissions`, each one the caller holds (403 otherwise). The key is 32 random
   * bytes after `mk_`; only its SHA-256 is stored, so the answer is the one place it ever appears.
   */
  async create(actor: AuthUser, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const beyond = lacking(actor, dto.permissions);
    if (beyond.length > 0) throw forbidden(`A key can be given only permissions you hold; you do not hold ${beyond.join(', ')}`);
    const expiresAt = dto.expiresAt === undefined ? null : new Date(dto.expiresAt);
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw validationProblem('expiresAt', 'must be in the future');

    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const stored = await this.transactions.run(async (manager) => {
      if ((await this.keys.countLockingOwner(manager, actor.id)) >= MAX_KEYS_PER_USER) {
        throw conflict(`An account holds at most ${MAX_KEYS_PER_USER} API keys; revoke one first`);
      }
      const saved = await this.keys.insert(manager, {
        userId: actor.id,
        name: dto.name,
        prefix: key.slice(0, API_KEY_PREFIX.length + SHOWN_CHARACTERS),
        keyHash: hashApiKey(key),
        expiresAt,
        permissions: dto.permissions,
      });
      await this.audit.record(manager, actor, { action: 'api-key.created', target: 'api-key', targetId: saved.id, after: audited(saved) });
      return saved;
    });
    return { ...toDto(stored), key };
  }

  async list(actor: AuthUser): Promise<ApiKeyDto[]> {
    return (await this.keys.listOf(actor.id)).map(toDto);
  }

  /** Deletes one of the caller's keys: the next request made with it, on any instance, answers 401. Another user's key is a 404. */
  async revoke(actor: AuthUser, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const removed = await this.keys.remove(manager, actor.id, id);
      if (!removed) throw notFound(`API key ${id}`);
      await this.audit.record(manager, actor, { action: 'api-key.revoked', target: 'api-key', targetId: id, before: audited(removed) });
    });
  }
}

const audited = ({ name, prefix, permissions, expiresAt }: StoredApiKey) => ({ name, prefix, permissions, expiresAt });

function toDto({ id, name, permissions, prefix, createdAt, lastUsedAt, expiresAt }: StoredApiKey): ApiKeyDto {
  return { id, name, permissions, prefix, createdAt, lastUsedAt, expiresAt };
}
