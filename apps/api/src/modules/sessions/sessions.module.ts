import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BookingsModule } from '../bookings/bookings.module.js';
import { ServicesModule } from '../services/services.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { InventoryModule } from './inventory.module.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

/** The session routes: one-off sessions, capacity, cancellation, and the sessions of a service. */
@Module({
  imports: [AuditModule, InventoryModule, ServicesModule, BookingsModule, WebhooksModule],
  controllers: [SessionsController],
  providers: [SessionsService],
})
export class SessionsModule {}
