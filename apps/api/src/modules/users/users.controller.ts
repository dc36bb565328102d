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

/** Beyond `users:write` (`x-access.limit`): nobody manages an account above their own. */
export const ACCOUNT_LIMIT = 'another account whose role holds a permission the caller lacks cannot be changed or deleted';

/** What `users:write` cannot do (`x-access.limit`): it never leads to `admin`. */
export const ROLE_LIMIT =
  "role: never the caller's own, admin only by an admin, otherwise only a role whose permissions the caller holds; " + ACCOUNT_LIMIT;

/** When a change of an account answers 403 (PUT and PATCH alike). */
const UPDATE_FORBIDDEN =
  'A self-update naming `role` or `isActive` without `users:write`, or another account with `users:read` only; ' +
  "a change of one's own role; `admin` assigned by anyone but an admin; a role holding a permission the caller lacks; " +
  'another account whose role holds a permission the caller lacks';

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

  /** Changes an account. Self: name, email (+ currentPassword). With `users:write`: also role and isActive (see x-access.limit). */
  @Put(':id')
  @SignedIn('self, or users:write', ROLE_LIMIT)
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiForbiddenResponse({ type: ProblemDto, description: UPDATE_FORBIDDEN })
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
  @SignedIn('self, or users:write', ROLE_LIMIT)
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiForbiddenResponse({ type: ProblemDto, description: UPDATE_FORBIDDEN })
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
  @SignedIn('self, or users:write', ACCOUNT_LIMIT)
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiForbiddenResponse({
    type: ProblemDto,
    description: 'Another account with `users:read` only, or whose role holds a permission the caller lacks',
  })
  remove(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.users.remove(actor, id);
  }
}
