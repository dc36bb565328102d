import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { SessionsModule } from '../auth/sessions.js';
import { BookingsModule } from '../bookings/bookings.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { LoginLimiter } from './login-limiter.js';
import { PasswordHasher } from './password-hasher.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User]), AuditModule, RolesModule, BookingsModule, SessionsModule],
  controllers: [UsersController],
  providers: [UsersService, PasswordHasher, LoginLimiter],
  exports: [UsersService, PasswordHasher, LoginLimiter],
})
export class UsersModule {}
