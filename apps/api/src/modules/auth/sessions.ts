import { Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { IsNull, Not, type EntityManager, type Repository } from 'typeorm';
import { prunePeriodically } from '../../common/prune-periodically.js';
import { KeyValueStore } from '../../common/storage/key-value.store.js';
import { AppConfig } from '../../config/app-config.js';
import { RefreshToken } from './refresh-token.entity.js';

const revokedSessionKey = (sessionId: string) => `revoked-session:${sessionId}`;
const PRUNE_INTERVAL_MS = 3_600_000;

/**
 * Login sessions (refresh-token families): ending them, and forgetting their spent tokens.
 * An ended session's refresh tokens are revoked and its access tokens refused at once (a denylist in
 * the shared store, for one access-token lifetime). Refresh tokens past their expiry are deleted at
 * start and hourly; a revoked one is kept until then, since presenting it again is a reuse that
 * revokes its whole family.
 */
@Injectable()
export class Sessions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Sessions.name);
  private stopPruning?: () => void;

  constructor(
    private readonly store: KeyValueStore,
    private readonly config: AppConfig,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  /**
   * Revokes the live refresh tokens of a user, all of them or all but the session `keep`, in the
   * transaction of the change that ends them (deactivation, deletion, a password change); answers
   * the sessions to `deny` once that transaction has committed.
   */
  async revoke(manager: EntityManager, userId: number, keep?: string): Promise<string[]> {
    const live = { userId, revokedAt: IsNull(), ...(keep !== undefined && { familyId: Not(keep) }) };
    const rows = await manager.find(RefreshToken, { select: { familyId: true }, where: live });
    await manager.update(RefreshToken, live, { revokedAt: new Date() });
    return [...new Set(rows.map(({ familyId }) => familyId))];
  }

  /** Refuses the session's access tokens until the newest of them would have expired anyway. */
  async deny(...sessionIds: string[]): Promise<void> {
    await Promise.all(sessionIds.map((id) => this.store.set(revokedSessionKey(id), '1', this.config.accessTtlSeconds * 1000)));
  }

  async isDenied(sessionId: string): Promise<boolean> {
    return (await this.store.get(revokedSessionKey(sessionId))) !== null;
  }

  /** Deletes the refresh tokens past their expiry, spent, revoked or not; answers how many. */
  async prune(): Promise<number> {
    const result = await this.refreshTokens
      .createQueryBuilder()
      .delete()
      .from(RefreshToken)
      .where('expires_at < :now', { now: new Date() })
      .execute();
    return result.affected ?? 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopPruning = await prunePeriodically({
      prune: () => this.prune(),
      everyMs: PRUNE_INTERVAL_MS,
      logger: this.logger,
      deleted: (count) => `Deleted ${count} expired refresh tokens`,
      failure: 'Pruning the refresh tokens failed',
    });
  }

  onApplicationShutdown(): void {
    this.stopPruning?.();
  }
}

@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken])],
  providers: [Sessions],
  exports: [Sessions],
})
export class SessionsModule {}
