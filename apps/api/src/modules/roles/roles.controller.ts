import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user.js';
import { CurrentUser, RequirePermissions, RequirePermissionsLimited } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { PermissionDto, RoleDto } from './dto/role.dto.js';
import { CreateRoleDto, UpdateRoleDto } from './dto/save-role.dto.js';
import { RolesService } from './roles.service.js';

/**
 * What `roles:manage` cannot do (`x-access.limit`): no one hands out a permission they lack, so
 * `roles:manage` alone never reaches `admin`.
 */
export const GRANT_LIMIT =
  'grants only permissions the caller holds; a role holding a permission the caller lacks cannot be changed or deleted';

@ApiTags('roles')
@Controller('roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  /** Every role with its permissions. */
  @Get()
  @RequirePermissions('roles:manage')
  list(): Promise<RoleDto[]> {
    return this.roles.list();
  }

  /** The permission catalogue, with what each permission allows. */
  @Get('permissions')
  @RequirePermissions('roles:manage')
  permissions(): PermissionDto[] {
    return this.roles.permissionCatalogue();
  }

  /** Creates a role, with only permissions the caller holds. */
  @Post()
  @RequirePermissionsLimited(['roles:manage'], GRANT_LIMIT)
  @ApiConflictResponse({ type: ProblemDto, description: 'The name is taken' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateRoleDto): Promise<RoleDto> {
    return this.roles.create(actor, dto);
  }

  /** Replaces a role's fields (all optional). Built-in roles keep their name; admin keeps every permission. */
  @Put(':id')
  @RequirePermissionsLimited(['roles:manage'], GRANT_LIMIT)
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto })
  replace(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateRoleDto): Promise<RoleDto> {
    return this.roles.update(actor, id, dto);
  }

  /** Changes some of a role's fields (same rules as PUT). */
  @Patch(':id')
  @RequirePermissionsLimited(['roles:manage'], GRANT_LIMIT)
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto })
  update(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateRoleDto): Promise<RoleDto> {
    return this.roles.update(actor, id, dto);
  }

  /** Deletes a role that is neither built in nor assigned to anyone. */
  @Delete(':id')
  @RequirePermissionsLimited(['roles:manage'], GRANT_LIMIT)
  @HttpCode(204)
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto })
  remove(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.roles.remove(actor, id);
  }
}
