import { WEBHOOK_TEST_EVENT, type WebhookEvent } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth-user.js';
import { pageMeta, type PageQueryDto } from '../../common/dto/pagination.dto.js';
import { conflict, notFound, validationProblem } from '../../common/problem.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transactions.js';
import { AuditLog, changes } from '../audit/audit-log.js';
import type { CreateWebhookDto, UpdateWebhookDto } from './dto/save-webhook.dto.js';
import type { CreatedWebhookDto, WebhookDeliveryDto, WebhookDeliveryPageDto, WebhookDto, WebhookPageDto } from './dto/webhook.dto.js';
import { EXCERPT_BYTES } from './webhook-sender.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import type { WebhookDelivery } from './webhook-delivery.entity.js';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { eventBody, newEventId } from './webhook-events.js';
import { newWebhookSecret } from './webhook-signature.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** Webhook endpoints (DESIGN §8): their registration, their deliveries, a test event and a retry. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
  ) {}

  /** A new endpoint, with its secret (shown this once). */
  async create(actor: AuthUser, dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    this.checkUrl(dto.url);
    const secret = newWebhookSecret();
    const endpoint = await this.transactions.run(async (manager) => {
      const saved = await this.repository.insertEndpoint(manager, {
        url: dto.url,
        events: dto.events.join(','),
        description: dto.description ?? '',
        secret,
      });
      await this.audit.record(manager, actor, { action: 'webhook.created', target: 'webhook', targetId: saved.id, after: audited(saved) });
      return saved;
    });
    return { ...toDto(endpoint), secret };
  }

  async list(query: PageQueryDto): Promise<WebhookPageDto> {
    const [endpoints, total] = await this.repository.pageEndpoints(query.page, query.limit);
    return { data: endpoints.map(toDto), meta: pageMeta(query, total) };
  }

  async get(id: number): Promise<WebhookDto> {
    return toDto(await this.require(id));
  }

  /** Changes an endpoint; `enabled: true` enables it again with its failures forgotten, `false` pauses it. */
  async update(actor: AuthUser, id: number, dto: UpdateWebhookDto): Promise<WebhookDto> {
    if (dto.url !== undefined) this.checkUrl(dto.url);
    await this.transactions.run(async (manager) => {
      const endpoint = await this.repository.lockEndpoint(manager, id);
      if (!endpoint) throw notFound(`Webhook ${id}`);
      const { url, events, description, enabled } = dto;
      const changed = changes(audited(endpoint), { url, events, description, enabled });
      if (!changed) return;
      await this.repository.updateEndpoint(manager, id, {
        ...(url !== undefined && { url }),
        ...(events !== undefined && { events: events.join(',') }),
        ...(description !== undefined && { description }),
        ...(enabled === true && endpoint.disabledAt && { disabledAt: null, failingSince: null }),
        ...(enabled === false && !endpoint.disabledAt && { disabledAt: new Date() }),
      });
      await this.audit.record(manager, actor, { action: 'webhook.updated', target: 'webhook', targetId: id, ...changed });
    });
    return this.get(id);
  }

  /** Removes an endpoint and its deliveries: nothing more is sent to it. */
  async remove(actor: AuthUser, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const endpoint = await this.repository.lockEndpoint(manager, id);
      if (!endpoint) throw notFound(`Webhook ${id}`);
      await this.repository.deleteEndpoint(manager, id);
      await this.audit.record(manager, actor, { action: 'webhook.deleted', target: 'webhook', targetId: id, before: audited(endpoint) });
    });
  }

  /** Sends a `webhook.test` event to the endpoint now and answers how it went (it is not retried). */
  async test(id: number): Promise<WebhookDeliveryDto> {
    const endpoint = await this.require(id);
    const eventId = newEventId();
    const data = { webhookId: endpoint.id, url: endpoint.url, message: 'A test event from Marquee' };
    const { claim, leaseUntil } = this.dispatcher.lease();
    const delivery = await this.repository.insertClaimed(
      { endpointId: id, eventId, eventType: WEBHOOK_TEST_EVENT, payload: eventBody(eventId, WEBHOOK_TEST_EVENT, data) },
      claim,
      leaseUntil,
    );
    await this.dispatcher.attempt(delivery, claim);
    return this.delivery(delivery.id);
  }

  async deliveries(id: number, query: PageQueryDto): Promise<WebhookDeliveryPageDto> {
    await this.require(id);
    const [deliveries, total] = await this.repository.pageDeliveries(id, query.page, query.limit);
    return { data: deliveries.map(deliveryDto), meta: pageMeta(query, total) };
  }

  /** A pending or failed delivery is due now, with a fresh set of attempts; 409 when in flight or delivered, or its endpoint is disabled. */
  async retry(id: number): Promise<WebhookDeliveryDto> {
    const delivery = await this.repository.findDelivery(id);
    const endpoint = delivery && (await this.repository.findEndpoint(delivery.endpointId));
    if (!delivery || !endpoint) throw notFound(`Webhook delivery ${id}`);
    if (endpoint.disabledAt) throw conflict(`Webhook ${endpoint.id} is disabled; enable it before retrying its deliveries`);
    if (!(await this.repository.retry(id)))
      throw conflict(`Webhook delivery ${id} is ${delivery.status}; only a pending or failed one can be retried`);
    this.dispatcher.wake();
    return this.delivery(id);
  }

  private async delivery(id: number): Promise<WebhookDeliveryDto> {
    const delivery = await this.repository.findDelivery(id);
    if (!delivery) throw notFound(`Webhook delivery ${id}`);
    return deliveryDto(delivery);
  }

  private async require(id: number): Promise<WebhookEndpoint> {
    const endpoint = await this.repository.findEndpoint(id);
    if (!endpoint) throw notFound(`Webhook ${id}`);
    return endpoint;
  }

  /** Production sends events over https only. */
  private checkUrl(url: string): void {
    if (this.config.isProduction && new URL(url).protocol !== 'https:')
      throw validationProblem('url', 'must be an https URL in production');
  }
}

/** An endpoint as the audit log shows it: never its secret. */
const audited = ({ url, events, description, disabledAt }: WebhookEndpoint) => ({
  url,
  events: events.split(','),
  description,
  enabled: disabledAt === null,
});

function toDto({ id, url, events, description, failingSince, disabledAt, createdAt, updatedAt }: WebhookEndpoint): WebhookDto {
  return {
    id,
    url,
    events: events.split(',') as WebhookEvent[],
    description,
    status: disabledAt ? 'disabled' : 'active',
    failingSince,
    disabledAt,
    createdAt,
    updatedAt,
  };
}

function deliveryDto(delivery: WebhookDelivery): WebhookDeliveryDto {
  const {
    id,
    endpointId,
    eventId,
    eventType,
    status,
    attempts,
    responseStatus,
    lastError,
    responseExcerpt,
    deliveredAt,
    createdAt,
    updatedAt,
  } = delivery;
  return {
    id,
    endpointId,
    eventId,
    eventType,
    status,
    attempts,
    nextAttemptAt: status === 'pending' ? delivery.nextAttemptAt : null,
    responseStatus,
    lastError,
    requestExcerpt: Buffer.from(delivery.payload).subarray(0, EXCERPT_BYTES).toString('utf8'),
    responseExcerpt,
    deliveredAt,
    createdAt,
    updatedAt,
  };
}
