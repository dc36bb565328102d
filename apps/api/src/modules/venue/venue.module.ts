import { Module } from '@nestjs/common';
import { ServicesModule } from '../services/services.module.js';
import { VenueController } from './venue.controller.js';

@Module({ imports: [ServicesModule], controllers: [VenueController] })
export class VenueModule {}
