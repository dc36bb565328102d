import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyAuthenticator } from '../../common/api-key.js';
import { AuditModule } from '../audit/audit.module.js';
import { UsersModule } from '../users/users.module.js';
import { ApiKey, ApiKeyPermission } from './api-key.entity.js';
import { ApiKeyAuthentication } from './api-key-authentication.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

/** API keys: the routes that manage them, and their authentication for the global guard (`ApiKeyAuthenticator`). */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey, ApiKeyPermission]), AuditModule, UsersModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeysRepository, ApiKeyAuthentication, { provide: ApiKeyAuthenticator, useExisting: ApiKeyAuthentication }],
  exports: [ApiKeyAuthenticator],
})
export class ApiKeysModule {}
