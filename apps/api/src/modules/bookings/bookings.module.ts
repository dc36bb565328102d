import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { ServicesModule } from '../services/services.module.js';
import { InventoryModule } from '../sessions/inventory.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { BookingReminders } from './booking-reminders.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { BookingsController } from './bookings.controller.js';
import { BookingsRepository } from './bookings.repository.js';
import { BookingsService } from './bookings.service.js';
import { CustomerMessages } from './customer-messages.js';

@Module({
  imports: [AuditModule, ServicesModule, InventoryModule, MessagesModule, TicketsModule, WebhooksModule],
  controllers: [BookingsController],
  providers: [BookingsService, BookingsRepository, CustomerMessages, BookingReminders],
  exports: [BookingsService, BookingsRepository],
})
export class BookingsModule {}
