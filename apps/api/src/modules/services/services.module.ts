import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { CatalogueCache } from './catalogue-cache.js';
import { InventoryModule } from '../sessions/inventory.module.js';
import { TicketTypesRepository } from '../ticket-types/ticket-types.repository.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { PictureEncoder } from './pictures/picture-encoder.js';
import { ServicePictures } from './pictures/service-pictures.service.js';
import { Service } from './service.entity.js';
import { ServicesController } from './services.controller.js';
import { ServicesService } from './services.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Service]), AuditModule, InventoryModule, WebhooksModule],
  controllers: [ServicesController],
  providers: [ServicesService, CatalogueCache, TicketTypesRepository, PictureEncoder, ServicePictures],
  exports: [ServicesService, TicketTypesRepository],
})
export class ServicesModule {}
