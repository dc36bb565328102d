import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxDispatcher } from './dispatcher.js';
import { Mailer } from './mailer.js';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { OutboxRepository } from './outbox.repository.js';
import { Outbox } from './outbox.js';
import { MessageTemplates } from './templates.js';

/** Outgoing e-mail: the outbox other modules write to (`Outbox.enqueue`), its dispatcher, and the admins' view. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  controllers: [MessagesController],
  providers: [Outbox, OutboxRepository, OutboxDispatcher, Mailer, MessageTemplates, MessagesService],
  exports: [Outbox],
})
export class MessagesModule {}
