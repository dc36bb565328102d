import { MESSAGE_STATUSES, type MessageStatus } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../common/dto/pagination.dto.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

/** An outbox message as admins see it (its values, which may hold tokens, stay private). */
export class MessageDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /**
   * The template, e.g. `email-verification`.
   * @example "email-verification"
   */
  kind!: string;
  /** @example "ada@example.com" */
  recipient!: string;
  @ApiProperty({ enum: MESSAGE_STATUSES })
  status!: MessageStatus;
  /**
   * Attempts made so far.
   * @example 3
   */
  @ApiInteger()
  attempts!: number;
  /** @example "2026-11-20T09:20:00.000Z" */
  nextAttemptAt!: Date;
  /**
   * Why the last attempt failed.
   * @example "550 mailbox unavailable"
   */
  lastError!: string | null;
  /** @example "2026-11-20T09:15:00.000Z" */
  createdAt!: Date;
  /** Null until the message is delivered. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  sentAt!: Date | null;
  /** @example "2026-11-21T10:00:00.000Z" */
  updatedAt!: Date;
}

export class MessagePageDto {
  data!: MessageDto[];
  meta!: PageMetaDto;
}

export class ListMessagesQuery extends PageQueryDto {
  /** Only messages in this state, e.g. `dead`. */
  @ApiProperty({ enum: MESSAGE_STATUSES, required: false })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: MessageStatus;
}
