import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { InventoryModule } from '../sessions/inventory.module.js';
import { ServicesModule } from '../services/services.module.js';
import { ScheduleMaterialiser } from './schedule-materialiser.js';
import { SchedulesController } from './schedules.controller.js';
import { SchedulesRepository } from './schedules.repository.js';
import { SchedulesService } from './schedules.service.js';

@Module({
  imports: [ServicesModule, AuditModule, InventoryModule],
  controllers: [SchedulesController],
  providers: [SchedulesService, SchedulesRepository, ScheduleMaterialiser],
})
export class SchedulesModule {}
