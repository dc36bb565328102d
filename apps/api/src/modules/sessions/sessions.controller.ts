import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user.js';
import { CurrentUser, Public, RequirePermissions } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { DateWindowQuery } from '../../common/dto/date-window.query.js';
import { CreateSessionDto, UpdateSessionDto } from './dto/save-session.dto.js';
import { SessionDto } from './dto/session.dto.js';
import { SESSION_LIST_SCHEMA } from './dto/session.schema.js';
import { SessionsService } from './sessions.service.js';

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  /** A service's sessions by local date, with places left. */
  @Get('services/:id/sessions')
  @Public()
  @RouteSchema({ response: { 200: SESSION_LIST_SCHEMA } })
  @ApiNotFoundResponse({ type: ProblemDto })
  list(@Param('id', ParseIdPipe) serviceId: number, @Query() query: DateWindowQuery): Promise<SessionDto[]> {
    return this.sessions.list(serviceId, query);
  }

  /** Adds a one-off session. 409 when the service already has one starting then. */
  @Post('services/:id/sessions')
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'A session of this service already starts then' })
  create(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) serviceId: number, @Body() dto: CreateSessionDto): Promise<SessionDto> {
    return this.sessions.create(actor, serviceId, dto);
  }

  /** Changes a session's capacity, or cancels it with its bookings. */
  @Patch('sessions/:id')
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Capacity below the places booked, or already cancelled' })
  update(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateSessionDto): Promise<SessionDto> {
    return this.sessions.update(actor, id, dto);
  }
}
