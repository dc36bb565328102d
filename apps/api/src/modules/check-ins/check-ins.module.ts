import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BookingsModule } from '../bookings/bookings.module.js';
import { InventoryModule } from '../sessions/inventory.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { CheckInsController } from './check-ins.controller.js';
import { CheckInsRepository } from './check-ins.repository.js';
import { CheckInsService } from './check-ins.service.js';

/** Check-in at the door: scanning tickets, and a session's door count. */
@Module({
  imports: [AuditModule, BookingsModule, InventoryModule, TicketsModule, WebhooksModule],
  controllers: [CheckInsController],
  providers: [CheckInsService, CheckInsRepository],
})
export class CheckInsModule {}
