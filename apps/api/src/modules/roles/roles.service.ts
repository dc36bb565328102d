import { ALL_PERMISSIONS, PERMISSIONS, type Permission } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { conflict, forbidden, notFound, validationProblem } from '../../common/problem.js';
import { lacking, type AuthUser } from '../../common/auth-user.js';
import { isUniqueViolation, Transactions } from '../../database/transactions.js';
import { AuditLog, changes } from '../audit/audit-log.js';
import { User } from '../users/user.entity.js';
import type { PermissionDto, RoleDto } from './dto/role.dto.js';
import type { CreateRoleDto, UpdateRoleDto } from './dto/save-role.dto.js';
import { Role, RolePermission } from './role.entity.js';

@Injectable()
export class RolesService {
  constructor(
    @InjectRepository(Role) private readonly roles: Repository<Role>,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
  ) {}

  permissionCatalogue(): PermissionDto[] {
    return ALL_PERMISSIONS.map((name) => ({ name, description: PERMISSIONS[name] }));
  }

  async list(): Promise<RoleDto[]> {
    const roles = await this.roles.find({ relations: { grants: true }, order: { id: 'ASC' } });
    return roles.map(toRoleDto);
  }

  /** The role named `name`, or a 400 naming `field` (roles are named, never numbered, in requests). */
  async requireByName(name: string, field = 'role'): Promise<Role> {
    const role = await this.roles.findOne({ where: { name }, relations: { grants: true } });
    if (!role) throw validationProblem(field, `there is no role named ${name}`);
    return role;
  }

  /** The permissions of the role with this id. */
  async permissionsOfRole(id: number): Promise<Permission[]> {
    return permissionsOf(await this.roles.findOneOrFail({ where: { id }, relations: { grants: true } }));
  }

  async create(actor: AuthUser, dto: CreateRoleDto): Promise<RoleDto> {
    mayGrant(actor, dto.permissions);
    const role = await this.transactions
      .run(async (manager) => {
        if (await manager.existsBy(Role, { name: dto.name })) throw conflict(`A role named ${dto.name} already exists`);
        const saved = await manager.save(manager.create(Role, { name: dto.name, description: dto.description ?? '', builtIn: false }));
        await this.grant(manager, saved.id, dto.permissions);
        const after = { name: saved.name, description: saved.description, permissions: sorted(dto.permissions) };
        await this.audit.record(manager, actor, { action: 'role.created', target: 'role', targetId: saved.id, after });
        return saved.id;
      })
      .catch(rethrowNameTaken(dto.name));
    return this.get(role);
  }

  async update(actor: AuthUser, id: number, dto: UpdateRoleDto): Promise<RoleDto> {
    await this.transactions
      .run(async (manager) => {
        const role = await manager.findOne(Role, { where: { id }, relations: { grants: true } });
        if (!role) throw notFound(`Role ${id}`);
        mayManage(actor, role);
        if (dto.permissions) mayGrant(actor, dto.permissions);
        if (role.builtIn && dto.name !== undefined && dto.name !== role.name)
          throw conflict(`The built-in role ${role.name} keeps its name`);
        if (role.name === 'admin' && dto.permissions && dto.permissions.length !== ALL_PERMISSIONS.length) {
          throw conflict('The admin role keeps every permission');
        }
        if (dto.name !== undefined && dto.name !== role.name && (await manager.existsBy(Role, { name: dto.name }))) {
          throw conflict(`A role named ${dto.name} already exists`);
        }
        await manager.update(Role, { id }, { name: dto.name ?? role.name, description: dto.description ?? role.description });
        if (dto.permissions) {
          await manager.delete(RolePermission, { roleId: id });
          await this.grant(manager, id, dto.permissions);
        }
        const requested = { name: dto.name, description: dto.description, permissions: dto.permissions && sorted(dto.permissions) };
        const changed = changes(auditedFields(role), requested);
        if (changed) await this.audit.record(manager, actor, { action: 'role.updated', target: 'role', targetId: id, ...changed });
      })
      .catch(rethrowNameTaken(dto.name));
    return this.get(id);
  }

  async remove(actor: AuthUser, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const role = await manager.findOne(Role, { where: { id }, relations: { grants: true } });
      if (!role) throw notFound(`Role ${id}`);
      mayManage(actor, role);
      if (role.builtIn) throw conflict(`The built-in role ${role.name} cannot be deleted`);
      const holders = await manager.countBy(User, { roleId: id });
      if (holders > 0) throw conflict(`The role ${role.name} is assigned to ${holders} user(s); give them another role first`);
      // Deleted (scrubbed) accounts keep a role for the foreign key: move them to customer.
      const customer = await manager.findOneByOrFail(Role, { name: 'customer' });
      await manager.update(User, { roleId: id }, { roleId: customer.id });
      await manager.delete(Role, { id });
      await this.audit.record(manager, actor, { action: 'role.deleted', target: 'role', targetId: id, before: auditedFields(role) });
    });
  }

  private async get(id: number): Promise<RoleDto> {
    return toRoleDto(await this.roles.findOneOrFail({ where: { id }, relations: { grants: true } }));
  }

  private async grant(manager: EntityManager, roleId: number, permissions: Permission[]) {
    if (permissions.length > 0)
      await manager.insert(
        RolePermission,
        permissions.map((permission) => ({ roleId, permission })),
      );
  }
}

export function permissionsOf(role: Role): Permission[] {
  const granted = new Set(role.grants.map((grant) => grant.permission));
  return ALL_PERMISSIONS.filter((permission) => granted.has(permission));
}

/** No privilege escalation: one grants only permissions one holds (403). */
function mayGrant(actor: AuthUser, permissions: Permission[]): void {
  const beyond = lacking(actor, permissions);
  if (beyond.length > 0) throw forbidden(`You can grant only permissions you hold; you do not hold ${beyond.join(', ')}`);
}

/** Only someone holding every permission of a role may change or delete it (403). */
function mayManage(actor: AuthUser, role: Role): void {
  const beyond = lacking(actor, permissionsOf(role));
  if (beyond.length > 0) {
    throw forbidden(
      `The role ${role.name} holds ${beyond.join(', ')}, which you do not hold; only someone who does can change or delete it`,
    );
  }
}

const sorted = (permissions: Permission[]) => [...permissions].sort();

const auditedFields = (role: Role) => ({ name: role.name, description: role.description, permissions: sorted(permissionsOf(role)) });

function toRoleDto(role: Role): RoleDto {
  return { id: role.id, name: role.name, description: role.description, builtIn: role.builtIn, permissions: permissionsOf(role) };
}

const rethrowNameTaken = (name: string | undefined) => (error: unknown) => {
  if (isUniqueViolation(error)) throw conflict(`A role named ${name} already exists`);
  throw error;
};
