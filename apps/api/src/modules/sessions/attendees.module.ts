import { Module } from '@nestjs/common';
import { AttendeesController } from './attendees.controller.js';
import { AttendeesRepository } from './attendees.repository.js';
import { AttendeesService } from './attendees.service.js';
import { InventoryModule } from './inventory.module.js';

@Module({
  imports: [InventoryModule],
  controllers: [AttendeesController],
  providers: [AttendeesService, AttendeesRepository],
})
export class AttendeesModule {}
