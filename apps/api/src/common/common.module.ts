import { Global, Module } from '@nestjs/common';
import { VenueClock } from './venue-clock.js';

@Global()
@Module({ providers: [VenueClock], exports: [VenueClock] })
export class CommonModule {}
