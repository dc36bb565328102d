import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { CatalogueCache } from './catalogue-cache.js';
import { PictureEncoder } from './pictures/picture-encoder.js';
import { ServicePictures } from './pictures/service-pictures.service.js';
import { Service, ServiceDayInventory } from './service.entity.js';
import { ServicesController } from './services.controller.js';
import { ServicesService } from './services.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Service, ServiceDayInventory]), AuditModule],
  controllers: [ServicesController],
  providers: [ServicesService, CatalogueCache, PictureEncoder, ServicePictures],
  exports: [ServicesService],
})
export class ServicesModule {}
