import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { SessionsModule } from '../auth/sessions.js';
import { BookingsModule } from '../bookings/bookings.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { AccountMessages } from './account-messages.js';
import { AccountRecovery } from './account-recovery.js';
import { LoginLimiter } from './login-limiter.js';
import { PasswordHasher } from './password-hasher.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User]), AuditModule, RolesModule, BookingsModule, SessionsModule, MessagesModule],
  controllers: [UsersController],
  providers: [UsersService, PasswordHasher, LoginLimiter, AccountMessages, AccountRecovery],
  exports: [UsersService, PasswordHasher, LoginLimiter, AccountRecovery],
})
export class UsersModule {}
