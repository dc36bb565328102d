import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { ServicesModule } from '../services/services.module.js';
import { InventoryModule } from '../sessions/inventory.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { BookingsController } from './bookings.controller.js';
import { BookingsRepository } from './bookings.repository.js';
import { BookingsService } from './bookings.service.js';
import { CustomerMessages } from './customer-messages.js';

@Module({
  imports: [AuditModule, ServicesModule, InventoryModule, MessagesModule, WebhooksModule],
  controllers: [BookingsController],
  providers: [BookingsService, BookingsRepository, CustomerMessages],
  exports: [BookingsService],
})
export class BookingsModule {}
