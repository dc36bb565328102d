import { Injectable } from '@nestjs/common';
import { pageMeta } from '../../common/dto/pagination.dto.js';
import { conflict, notFound } from '../../common/problem.js';
import type { ListMessagesQuery, MessageDto, MessagePageDto } from './dto/message.dto.js';
import type { OutboxMessage } from './outbox-message.entity.js';
import { OutboxRepository } from './outbox.repository.js';
import { Outbox } from './outbox.js';

/** What admins see of the outbox, and their retry of a dead message. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly repository: OutboxRepository,
    private readonly outbox: Outbox,
  ) {}

  async list(query: ListMessagesQuery): Promise<MessagePageDto> {
    const [messages, total] = await this.repository.page(query.status, query.page, query.limit);
    return { data: messages.map(toDto), meta: pageMeta(query, total) };
  }

  /** A dead message goes out again with a fresh set of attempts; 409 for any other state. */
  async retry(id: number): Promise<MessageDto> {
    const retried = await this.repository.retry(id);
    const message = await this.repository.find(id);
    if (!message) throw notFound(`Message ${id}`);
    if (!retried) throw conflict(`Message ${id} is ${message.status}; only a dead message can be retried`);
    this.outbox.notify('mail');
    return toDto(message);
  }
}

function toDto({
  id,
  kind,
  recipient,
  status,
  attempts,
  nextAttemptAt,
  lastError,
  createdAt,
  sentAt,
  updatedAt,
}: OutboxMessage): MessageDto {
  return { id, kind, recipient, status, attempts, nextAttemptAt, lastError, createdAt, sentAt, updatedAt };
}
