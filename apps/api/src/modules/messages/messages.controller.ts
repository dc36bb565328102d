import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { ListMessagesQuery, MessageDto, MessagePageDto } from './dto/message.dto.js';
import { MessagesService } from './messages.service.js';

@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  /** Outgoing e-mail messages, newest first; `status=dead` lists those that could not be delivered. */
  @Get()
  @RequirePermissions('messages:manage')
  list(@Query() query: ListMessagesQuery): Promise<MessagePageDto> {
    return this.messages.list(query);
  }

  /** Sends a dead message again, with a fresh set of attempts. */
  @Post(':id/retry')
  @HttpCode(200)
  @RequirePermissions('messages:manage')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'The message is not dead' })
  retry(@Param('id', ParseIdPipe) id: number): Promise<MessageDto> {
    return this.messages.retry(id);
  }
}
