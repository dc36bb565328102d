import { Module } from '@nestjs/common';
import { BookingCalendar } from './booking-calendar.js';
import { TicketSigner } from './ticket-signer.js';
import { TicketsController } from './tickets.controller.js';

/** E-tickets: the key that signs ticket codes and publishes its public half, and bookings as calendar events. */
@Module({
  controllers: [TicketsController],
  providers: [TicketSigner, BookingCalendar],
  exports: [TicketSigner, BookingCalendar],
})
export class TicketsModule {}
