import type { AuditAction, AuditTarget } from '@marquee/contracts';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth-user.js';
import { pageMeta } from '../../common/dto/pagination.dto.js';
import { validationException } from '../../common/pipes/validation.pipe.js';
import { prunePeriodically } from '../../common/prune-periodically.js';
import { addDays } from '../../common/venue-clock.js';
import { AppConfig } from '../../config/app-config.js';
import { AuditEntry, type AuditValues } from './audit-entry.entity.js';
import type { AuditEntryDto, AuditPageDto } from './dto/audit-entry.dto.js';
import type { ListAuditQuery } from './dto/list-audit.query.js';

export interface AuditRecord {
  action: AuditAction;
  target: AuditTarget;
  targetId: number;
  before?: AuditValues | null;
  after?: AuditValues | null;
}

const DAY_MS = 86_400_000;

/**
 * The audit log of staff actions. Entries are written in the transaction of the change they
 * describe, so one exists exactly when the change does; entries older than AUDIT_RETENTION_DAYS
 * are deleted at start and then daily.
 */
@Injectable()
export class AuditLog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditLog.name);
  private stopPruning?: () => void;

  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    private readonly config: AppConfig,
  ) {}

  async record(
    manager: EntityManager,
    actor: AuthUser,
    { action, target, targetId, before = null, after = null }: AuditRecord,
  ): Promise<void> {
    await manager.insert(AuditEntry, { actorId: actor.id, action, targetType: target, targetId, before, after });
  }

  async list(query: ListAuditQuery): Promise<AuditPageDto> {
    if (query.from && query.to && query.from > query.to)
      throw validationException([{ field: 'to', message: 'to must not be before from' }]);
    const builder = this.entries.createQueryBuilder('entry');
    if (query.actorId !== undefined) builder.andWhere('entry.actorId = :actorId', { actorId: query.actorId });
    if (query.action) builder.andWhere('entry.action = :action', { action: query.action });
    if (query.targetType) builder.andWhere('entry.targetType = :targetType', { targetType: query.targetType });
    if (query.targetId !== undefined) builder.andWhere('entry.targetId = :targetId', { targetId: query.targetId });
    if (query.from) builder.andWhere('entry.createdAt >= :from', { from: new Date(`${query.from}T00:00:00Z`) });
    if (query.to) builder.andWhere('entry.createdAt < :before', { before: new Date(`${addDays(query.to, 1)}T00:00:00Z`) });
    const [entries, total] = await builder
      .orderBy('entry.id', 'DESC')
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return { data: entries.map(toDto), meta: pageMeta(query, total) };
  }

  /** Deletes the entries past the retention period; answers how many. */
  async prune(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.auditRetentionDays * DAY_MS);
    const result = await this.entries.createQueryBuilder().delete().from(AuditEntry).where('created_at < :cutoff', { cutoff }).execute();
    return result.affected ?? 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopPruning = await prunePeriodically({
      prune: () => this.prune(),
      everyMs: DAY_MS,
      logger: this.logger,
      deleted: (count) => `Deleted ${count} audit entries older than ${this.config.auditRetentionDays} days`,
      failure: 'Pruning the audit log failed',
    });
  }

  onApplicationShutdown(): void {
    this.stopPruning?.();
  }
}

/**
 * The fields of `requested` whose value differs from `current`, as before/after values; undefined
 * when nothing changes.
 */
export function changes<T extends AuditValues>(current: T, requested: Partial<T>): { before: AuditValues; after: AuditValues } | undefined {
  const before: AuditValues = {};
  const after: AuditValues = {};
  for (const [field, value] of Object.entries(requested)) {
    const was = current[field];
    if (value === undefined || JSON.stringify(value) === JSON.stringify(was)) continue;
    before[field] = was;
    after[field] = value;
  }
  return Object.keys(after).length > 0 ? { before, after } : undefined;
}

function toDto({ id, actorId, action, targetType, targetId, before, after, createdAt }: AuditEntry): AuditEntryDto {
  return { id, actorId, action, targetType, targetId, before, after, createdAt };
}
