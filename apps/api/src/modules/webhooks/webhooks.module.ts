import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookEvents } from './webhook-events.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/** Signed webhooks for integrators: the events other modules publish (`WebhookEvents.publish`), their dispatcher, and the endpoints' routes. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpoint, WebhookDelivery]), AuditModule, MessagesModule],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhookEvents, WebhookSender, WebhookDispatcher, WebhooksService],
  exports: [WebhookEvents],
})
export class WebhooksModule {}
