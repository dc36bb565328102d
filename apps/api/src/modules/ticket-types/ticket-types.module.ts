import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ServicesModule } from '../services/services.module.js';
import { TicketTypesController } from './ticket-types.controller.js';
import { TicketTypesService } from './ticket-types.service.js';

/** The ticket-type routes. Their repository is provided by ServicesModule, which creates a service's first type. */
@Module({
  imports: [AuditModule, ServicesModule],
  controllers: [TicketTypesController],
  providers: [TicketTypesService],
})
export class TicketTypesModule {}
