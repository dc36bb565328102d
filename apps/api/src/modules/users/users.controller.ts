import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Put, Query, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth-user.js';
import { CurrentUser, RequirePermissions, SignedIn } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { ListUsersQuery } from './dto/list-users.query.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { UserDto, UserPageDto } from './dto/user.dto.js';
import { CurrentPasswordResponses } from './password-check.responses.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Lists accounts: search by name or e-mail, filter by role. */
  @Get()
  @RequirePermissions('users:read')
  list(@Query() query: ListUsersQuery): Promise<UserPageDto> {
    return this.users.list(query);
  }

  /** One account: one's own, or any with `users:read`. */
  @Get(':id')
  @SignedIn('self, or users:read')
  @ApiNotFoundResponse({ type: ProblemDto })
  get(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<UserDto> {
    return this.users.get(actor, id);
  }

  /** Changes an account. Self: name, email (+ currentPassword). With `users:write`: also role and isActive. */
  @Put(':id')
  @SignedIn('self, or users:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiForbiddenResponse({
    type: ProblemDto,
    description: 'A self-update naming `role` or `isActive`, or another account with `users:read` only',
  })
  @ApiConflictResponse({ type: ProblemDto, description: 'The e-mail is taken, or the last admin would be lost' })
  @CurrentPasswordResponses()
  async replace(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateUserDto,
    @Req() request: FastifyRequest,
  ): Promise<UserDto> {
    return (await this.users.update(actor, id, dto, request.ip)).user;
  }

  /** Changes some fields of an account (same rules as PUT). */
  @Patch(':id')
  @SignedIn('self, or users:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiForbiddenResponse({
    type: ProblemDto,
    description: 'A self-update naming `role` or `isActive`, or another account with `users:read` only',
  })
  @ApiConflictResponse({ type: ProblemDto, description: 'The e-mail is taken, or the last admin would be lost' })
  @CurrentPasswordResponses()
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateUserDto,
    @Req() request: FastifyRequest,
  ): Promise<UserDto> {
    return (await this.users.update(actor, id, dto, request.ip)).user;
  }

  /** Deletes (soft) and scrubs an account, cancelling its upcoming bookings. */
  @Delete(':id')
  @HttpCode(204)
  @SignedIn('self, or users:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'Another account with `users:read` only' })
  remove(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.users.remove(actor, id);
  }
}
