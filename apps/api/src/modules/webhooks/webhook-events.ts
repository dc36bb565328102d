import { randomUUID } from 'node:crypto';
import type { WebhookEvent } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Outbox } from '../messages/outbox.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** A new event's id: the payload's `id` and the `webhook-id` header. */
export const newEventId = () => `msg_${randomUUID().replaceAll('-', '')}`;

/** The body every delivery of an event sends: `{ id, type, createdAt, data }`. */
export function eventBody(id: string, type: string, data: unknown): string {
  return JSON.stringify({ id, type, createdAt: new Date().toISOString(), data });
}

/**
 * Where events leave for webhooks (DESIGN §8): `publish` writes one delivery per enabled endpoint
 * subscribed to the event, in the transaction of the change, so it exists exactly when the change
 * commits. After that commit the dispatcher of this process is woken (the others find it at their next poll).
 */
@Injectable()
export class WebhookEvents {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly outbox: Outbox,
  ) {}

  /** `data`: the resource as the API answers it. */
  async publish(manager: EntityManager, type: WebhookEvent, data: unknown): Promise<void> {
    const endpoints = await this.repository.subscribers(manager, type);
    if (endpoints.length === 0) return;
    const eventId = newEventId();
    const payload = eventBody(eventId, type, data);
    await this.repository.insertDeliveries(
      manager,
      endpoints.map((endpoint) => ({ endpointId: endpoint.id, eventId, eventType: type, payload })),
    );
    this.outbox.enqueued(manager, 'webhooks');
  }
}
