import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThanOrEqual, type EntityManager, type Repository } from 'typeorm';
import { claimDue } from '../../database/claims.js';
import { forUpdate, Transactions } from '../../database/transactions.js';
import type { AttemptOutcome } from './webhook-sender.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** An endpoint failing this long (no delivery since its first failure) is disabled. */
export const DISABLE_AFTER_MS = 5 * 86_400_000;

/** Only deliveries of endpoints that are still there and enabled are claimed. */
const ENDPOINT_ENABLED = 'endpoint_id IN (SELECT e.id FROM webhook_endpoints e WHERE e.disabled_at IS NULL)';

export type NewDelivery = Pick<WebhookDelivery, 'endpointId' | 'eventId' | 'eventType' | 'payload'>;

/** The SQL of webhook endpoints and their deliveries: CRUD, the claim of due deliveries, each attempt's outcome. */
@Injectable()
export class WebhooksRepository {
  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    private readonly transactions: Transactions,
  ) {}

  async insertEndpoint(
    manager: EntityManager,
    values: Pick<WebhookEndpoint, 'url' | 'events' | 'description' | 'secret'>,
  ): Promise<WebhookEndpoint> {
    const id = (await manager.insert(WebhookEndpoint, values)).identifiers[0].id as number;
    return (await manager.findOneBy(WebhookEndpoint, { id })) as WebhookEndpoint;
  }

  findEndpoint(id: number): Promise<WebhookEndpoint | null> {
    return this.endpoints.findOneBy({ id });
  }

  /** The endpoint, read under its row lock until `manager`'s transaction ends (see forUpdate); null if missing. */
  lockEndpoint(manager: EntityManager, id: number): Promise<WebhookEndpoint | null> {
    const query = manager.createQueryBuilder(WebhookEndpoint, 'e').where('e.id = :id', { id });
    return (forUpdate(manager) ? query.setLock('pessimistic_write') : query).getOne();
  }

  pageEndpoints(page: number, limit: number): Promise<[WebhookEndpoint[], number]> {
    return this.endpoints.findAndCount({ order: { id: 'ASC' }, skip: (page - 1) * limit, take: limit });
  }

  async updateEndpoint(manager: EntityManager, id: number, values: Partial<WebhookEndpoint>): Promise<void> {
    await manager.update(WebhookEndpoint, { id }, values);
  }

  /** Removes the endpoint and its deliveries. */
  async deleteEndpoint(manager: EntityManager, id: number): Promise<void> {
    await manager.delete(WebhookDelivery, { endpointId: id });
    await manager.delete(WebhookEndpoint, { id });
  }

  /** The enabled endpoints subscribed to `type`, read in the transaction of the change that causes the event. */
  /** The enabled endpoints subscribed to `type` (plain SQL: every booking asks, in its transaction). */
  async subscribers(manager: EntityManager, type: string): Promise<{ id: number }[]> {
    const enabled: { id: number | string; events: string }[] = await manager.query(
      'SELECT id, events FROM webhook_endpoints WHERE disabled_at IS NULL ORDER BY id',
    );
    return enabled.filter((endpoint) => endpoint.events.split(',').includes(type)).map((endpoint) => ({ id: Number(endpoint.id) }));
  }

  async insertDeliveries(manager: EntityManager, deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const nextAttemptAt = new Date();
    await manager.insert(
      WebhookDelivery,
      deliveries.map((delivery) => ({ ...delivery, nextAttemptAt })),
    );
  }

  /** A delivery written already claimed by `claim` (its first attempt is made now, by the caller). */
  async insertClaimed(delivery: NewDelivery, claim: string, leaseUntil: Date): Promise<WebhookDelivery> {
    const id = await this.transactions.run(
      async (manager) =>
        (
          await manager.insert(WebhookDelivery, {
            ...delivery,
            status: 'sending',
            attempts: 1,
            nextAttemptAt: new Date(),
            claimedBy: claim,
            claimedUntil: leaseUntil,
          })
        ).identifiers[0].id as number,
    );
    return (await this.findDelivery(id)) as WebhookDelivery;
  }

  /** Claims up to `limit` due deliveries of enabled endpoints (see claimDue). */
  claim(claim: string, now: Date, leaseUntil: Date, limit: number): Promise<WebhookDelivery[]> {
    return this.transactions.run((manager) =>
      claimDue(manager, WebhookDelivery, { claim, now, leaseUntil, limit, where: ENDPOINT_ENABLED }),
    );
  }

  /**
   * Records an attempt of a delivery still held by `claim`: delivered (and its endpoint no longer
   * failing); or pending again at `retryAt`, or failed when there is none. A failure marks the endpoint
   * failing since now unless it already was; failing for five days disables it and fails its other
   * pending deliveries. Answers whether the endpoint was disabled by this attempt.
   */
  record(delivery: WebhookDelivery, claim: string, outcome: AttemptOutcome, retryAt: Date | undefined): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const now = new Date();
      const { delivered, status: responseStatus, excerpt: responseExcerpt, error } = outcome;
      const held = await manager.update(
        WebhookDelivery,
        { id: delivery.id, claimedBy: claim },
        {
          status: delivered ? 'delivered' : retryAt ? 'pending' : 'failed',
          ...(retryAt && !delivered && { nextAttemptAt: retryAt }),
          claimedBy: null,
          claimedUntil: null,
          responseStatus,
          responseExcerpt,
          lastError: error?.slice(0, 500) ?? null,
          ...(delivered && { deliveredAt: now }),
        },
      );
      if (held.affected !== 1) return false;
      const endpointId = delivery.endpointId;
      if (delivered) {
        await manager.update(WebhookEndpoint, { id: endpointId }, { failingSince: null });
        return false;
      }
      await manager.update(WebhookEndpoint, { id: endpointId, failingSince: IsNull() }, { failingSince: now });
      const disabled = await manager.update(
        WebhookEndpoint,
        { id: endpointId, disabledAt: IsNull(), failingSince: LessThanOrEqual(new Date(now.getTime() - DISABLE_AFTER_MS)) },
        { disabledAt: now },
      );
      if (disabled.affected !== 1) return false;
      await manager.update(
        WebhookDelivery,
        { endpointId, status: 'pending' },
        { status: 'failed', lastError: 'endpoint disabled after 5 days of failures' },
      );
      return true;
    });
  }

  pageDeliveries(endpointId: number, page: number, limit: number): Promise<[WebhookDelivery[], number]> {
    return this.deliveries.findAndCount({ where: { endpointId }, order: { id: 'DESC' }, skip: (page - 1) * limit, take: limit });
  }

  findDelivery(id: number): Promise<WebhookDelivery | null> {
    return this.deliveries.findOneBy({ id });
  }

  /** A pending or failed delivery, due now with a fresh set of attempts; false when it is in flight or delivered. */
  retry(id: number): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const due = { status: 'pending' as const, attempts: 0, nextAttemptAt: new Date(), lastError: null };
      const pending = await manager.update(WebhookDelivery, { id, status: 'pending' }, due);
      const failed = pending.affected === 1 ? pending : await manager.update(WebhookDelivery, { id, status: 'failed' }, due);
      return failed.affected === 1;
    });
  }
}
