import { Module } from '@nestjs/common';
import { UsersModule } from '../../modules/users/users.module.js';
import { ServicesModule } from '../../modules/services/services.module.js';
import { SeedService } from './seed.service.js';

@Module({ imports: [UsersModule, ServicesModule], providers: [SeedService] })
export class SeedModule {}
