import { MESSAGE_STATUSES, type MessageStatus } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../common/dto/pagination.dto.js';

/** An outbox message as admins see it (its values, which may hold tokens, stay private). */
export class MessageDto {
  id!: number;
  /** The template, e.g. `email-verification`. */
  kind!: string;
  recipient!: string;
  @ApiProperty({ enum: MESSAGE_STATUSES })
  status!: MessageStatus;
  /** Attempts made so far. */
  attempts!: number;
  nextAttemptAt!: Date;
  /** Why the last attempt failed. */
  lastError!: string | null;
  createdAt!: Date;
  sentAt!: Date | null;
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
