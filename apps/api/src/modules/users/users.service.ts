import { ALL_PERMISSIONS, type Permission } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { can, lacking, type AuthUser } from '../../common/auth-user.js';
import { containsPattern } from '../../common/like.js';
import { pageMeta, parseSort } from '../../common/dto/pagination.dto.js';
import { conflict, forbidden, notFound, validationProblem } from '../../common/problem.js';
import { forUpdate, isUniqueViolation, Transactions } from '../../database/transactions.js';
import { select } from '../../database/plain-rows.js';
import { AuditLog, changes } from '../audit/audit-log.js';
import { Sessions } from '../auth/sessions.js';
import { BookingsService } from '../bookings/bookings.service.js';
import { Role } from '../roles/role.entity.js';
import { permissionsOf, RolesService } from '../roles/roles.service.js';
import type { ListUsersQuery, USER_SORT_FIELDS } from './dto/list-users.query.js';
import type { UpdateUserDto } from './dto/update-user.dto.js';
import type { UserDto, UserPageDto } from './dto/user.dto.js';
import { AccountMessages } from './account-messages.js';
import { LoginLimiter } from './login-limiter.js';
import { PasswordHasher } from './password-hasher.js';
import { User } from './user.entity.js';

export interface NewAccount {
  name: string;
  email: string;
  password: string;
  role: string;
}

/** A signed-in user as the guards see them: active, with the role's permissions. */
export interface SessionUser {
  id: number;
  name: string;
  email: string;
  role: string;
  permissions: Permission[];
}

const SORT_COLUMNS: Record<(typeof USER_SORT_FIELDS)[number], string> = {
  name: 'user.name',
  email: 'user.email',
  createdAt: 'user.createdAt',
};

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly roles: RolesService,
    private readonly bookings: BookingsService,
    private readonly hasher: PasswordHasher,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly sessions: Sessions,
    private readonly limiter: LoginLimiter,
    private readonly messages: AccountMessages,
  ) {}

  async createAccount(account: NewAccount): Promise<UserDto> {
    const role = await this.roles.requireByName(account.role);
    const passwordHash = await this.hasher.hash(account.password);
    const id = await this.transactions
      .run(async (manager) => {
        if (await manager.exists(User, { where: { email: account.email }, withDeleted: true })) throw emailTaken();
        const user = await manager.save(
          manager.create(User, { name: account.name, email: account.email, passwordHash, roleId: role.id, isActive: true }),
        );
        await this.messages.sendVerification(manager, user);
        return user.id;
      })
      .catch(rethrowEmailTaken);
    return this.toDto(await this.findWithRole(id));
  }

  /** The account for a login attempt, with its password hash; undefined for unknown or deleted e-mails. */
  async findForLogin(email: string): Promise<(User & { passwordHash: string }) | undefined> {
    const user = await this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .innerJoinAndSelect('user.role', 'role')
      .where('user.email = :email', { email })
      .getOne();
    return user ?? undefined;
  }

  /** One indexed lookup per authenticated request: the user, their role and its permissions. */
  async findSessionUser(id: number): Promise<SessionUser | undefined> {
    // Plain SQL: every authenticated request runs it, and the query builder's SQL generation and
    // hydration cost more than the lookup itself (bench/README.md). One row per permission.
    const rows = await select<{ name: string; email: string; role: string; permission: Permission | null }>(
      this.users.manager.connection,
      'SELECT u.name, u.email, r.name AS role, g.permission FROM users u INNER JOIN roles r ON r.id = u.role_id ' +
        'LEFT JOIN role_permissions g ON g.role_id = r.id WHERE u.id = ? AND u.is_active = 1 AND u.deleted_at IS NULL',
      [id],
    );
    if (rows.length === 0) return undefined;
    const [{ name, email, role }] = rows;
    const granted = new Set(rows.map((row) => row.permission));
    return { id, name, email, role, permissions: ALL_PERMISSIONS.filter((permission) => granted.has(permission)) };
  }

  /** An active, not deleted account, or undefined. */
  async findActive(id: number): Promise<UserDto | undefined> {
    const user = await this.users.findOne({ where: { id, isActive: true }, relations: { role: true } });
    return user ? this.toDto(user) : undefined;
  }

  async list(query: ListUsersQuery): Promise<UserPageDto> {
    const sort = parseSort<keyof typeof SORT_COLUMNS>(query.sort, 'name');
    const builder = this.users.createQueryBuilder('user').innerJoinAndSelect('user.role', 'role');
    if (query.search) {
      builder.andWhere("(user.name LIKE :search ESCAPE '!' OR user.email LIKE :search ESCAPE '!')", {
        search: containsPattern(query.search.toLowerCase()),
      });
    }
    if (query.role) builder.andWhere('role.name = :role', { role: query.role });
    const [users, total] = await builder
      .orderBy(SORT_COLUMNS[sort.field], sort.direction)
      .addOrderBy('user.id', sort.direction)
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return { data: users.map((user) => this.toDto(user)), meta: pageMeta(query, total) };
  }

  async get(actor: AuthUser, id: number): Promise<UserDto> {
    return this.toDto(await this.visibleTo(actor, id, ['users:read']));
  }

  /**
   * Self: name and e-mail (with the current password). With `users:write`: also role and isActive.
   * `newPassword` comes only from the profile route. Answers whether the password changed.
   * `address` is the caller's, for the login limits that the current-password check counts against.
   */
  async update(
    actor: AuthUser,
    id: number,
    dto: UpdateUserDto & { newPassword?: string },
    address: string,
  ): Promise<{ user: UserDto; passwordChanged: boolean }> {
    const self = actor.id === id;
    const target = await this.visibleTo(actor, id);
    if (!self && !can(actor, 'users:write')) throw forbidden('Changing another user needs the permission users:write');
    if (!can(actor, 'users:write') && (dto.role !== undefined || dto.isActive !== undefined)) {
      throw forbidden('Changing a role or deactivating an account needs the permission users:write');
    }
    if (!self) await this.mayManage(actor, target);

    const emailChanges = dto.email !== undefined && dto.email !== target.email;
    if (self && (emailChanges || dto.newPassword !== undefined)) await this.checkCurrentPassword(id, dto.currentPassword, address);
    const role = dto.role !== undefined && dto.role !== target.role.name ? await this.roles.requireByName(dto.role) : undefined;
    if (role) mayAssign(actor, role, self);
    const passwordHash = dto.newPassword !== undefined ? await this.hasher.hash(dto.newPassword) : undefined;

    const ended = await this.transactions
      .run(async (manager) => {
        // Decided on the account as it is now, read under its row lock: a change that committed since
        // the read above (a role change, a deactivation, a deletion) is neither undone unseen nor
        // recorded twice.
        const current = await this.lock(manager, id);
        if (!self && current.roleId !== target.roleId) await this.mayManage(actor, current);
        const losesAdmin = current.role.name === 'admin' && ((role && role.name !== 'admin') || dto.isActive === false);
        if (losesAdmin) await this.keepAnAdmin(manager, id);
        if (emailChanges && (await manager.exists(User, { where: { email: dto.email }, withDeleted: true }))) throw emailTaken();
        const values = {
          ...(dto.name !== undefined && { name: dto.name }),
          ...(emailChanges && { email: dto.email, emailVerified: false }),
          ...(role && { roleId: role.id }),
          ...(dto.isActive !== undefined && { isActive: dto.isActive }),
          ...(passwordHash && { passwordHash }),
        };
        if (Object.keys(values).length > 0) await manager.update(User, { id }, values);
        const recipient = { id, name: dto.name ?? current.name, email: emailChanges ? dto.email! : current.email };
        if (emailChanges) {
          await this.messages.emailChanged(manager, recipient, current.email);
          await this.messages.sendVerification(manager, recipient);
        }
        if (passwordHash) await this.messages.passwordChanged(manager, recipient);
        // Deactivation signs the account out everywhere, so reactivating it brings no old session back.
        const sessions = dto.isActive === false ? await this.sessions.revoke(manager, id) : [];
        // Staff actions: on another account, or a role or activation change (which needs users:write).
        const changed = changes(auditedFields(current), { name: dto.name, email: dto.email, role: dto.role, isActive: dto.isActive });
        if (changed && (!self || dto.role !== undefined || dto.isActive !== undefined)) {
          await this.audit.record(manager, actor, { action: 'user.updated', target: 'user', targetId: id, ...changed });
        }
        return sessions;
      })
      .catch(rethrowEmailTaken);
    await this.sessions.deny(...ended);
    return { user: this.toDto(await this.findWithRole(id)), passwordChanged: passwordHash !== undefined };
  }

  /**
   * Soft-deletes and scrubs the account, cancels its upcoming bookings and ends its sessions. The
   * account is marked deleted first, by a statement that only matches a live account: of two
   * simultaneous deletions one answers 404, and a booking in flight (which reads the account under a
   * shared lock) either commits before and is cancelled here, or waits and is refused.
   */
  async remove(actor: AuthUser, id: number): Promise<void> {
    const target = await this.visibleTo(actor, id);
    if (actor.id !== id && !can(actor, 'users:write')) throw forbidden('Deleting another user needs the permission users:write');
    if (actor.id !== id) await this.mayManage(actor, target);
    const ended = await this.transactions.run(async (manager) => {
      if (target.role.name === 'admin') await this.keepAnAdmin(manager, id);
      const deleted = await manager
        .createQueryBuilder()
        .update(User)
        .set({ name: 'Deleted user', email: `deleted-${id}@invalid`, isActive: false, deletedAt: new Date() })
        .where('id = :id AND deleted_at IS NULL', { id })
        .execute();
      if (deleted.affected !== 1) throw notFound(`User ${id}`);
      await this.bookings.cancelUpcomingOf(manager, id);
      const sessions = await this.sessions.revoke(manager, id);
      if (actor.id !== id)
        await this.audit.record(manager, actor, { action: 'user.deleted', target: 'user', targetId: id, before: auditedFields(target) });
      return sessions;
    });
    await this.sessions.deny(...ended);
  }

  toDto(user: User): UserDto {
    const { id, name, email, isActive, emailVerified, createdAt, updatedAt } = user;
    return { id, name, email, role: user.role.name, isActive, emailVerified, createdAt, updatedAt };
  }

  /**
   * Self, or any of `permissions` (reading needs `users:read`; a change, `users:read` or
   * `users:write`); anyone else gets the same 404 as for a missing user.
   */
  private async visibleTo(actor: AuthUser, id: number, permissions: Permission[] = ['users:read', 'users:write']): Promise<User> {
    const mayRead = actor.id === id || permissions.some((permission) => can(actor, permission));
    const user = mayRead ? await this.users.findOne({ where: { id }, relations: { role: true } }) : null;
    if (!user) throw notFound(`User ${id}`);
    return user;
  }

  /** The live account with its role, its row locked until the transaction ends (see forUpdate); 404 once deleted. */
  private async lock(manager: EntityManager, id: number): Promise<User> {
    const [row]: { id: number }[] = await manager.query(`SELECT id FROM users WHERE id = ? AND deleted_at IS NULL${forUpdate(manager)}`, [
      id,
    ]);
    if (!row) throw notFound(`User ${id}`);
    return manager.findOneOrFail(User, { where: { id }, relations: { role: true } });
  }

  private async findWithRole(id: number): Promise<User> {
    return this.users.findOneOrFail({ where: { id }, relations: { role: true } });
  }

  /**
   * The current password, checked as a sign-in of the account from `address`: a wrong one counts as a
   * failed login (so a stolen access token is no unlimited password oracle), and past the login
   * limits the answer is 429 without checking.
   */
  private async checkCurrentPassword(id: number, currentPassword: string | undefined, address: string): Promise<void> {
    if (!currentPassword) throw validationProblem('currentPassword', 'is required to change the e-mail or the password');
    const { passwordHash } = await this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :id', { id })
      .getOneOrFail();
    const valid = await this.limiter.check({ userId: id }, address, () => this.hasher.verify(currentPassword, passwordHash));
    if (!valid) throw validationProblem('currentPassword', 'is not the current password');
  }

  /** Nobody changes or deletes an account whose role holds a permission they lack (403). */
  private async mayManage(actor: AuthUser, target: User): Promise<void> {
    const beyond = lacking(actor, await this.roles.permissionsOfRole(target.roleId));
    if (beyond.length > 0) {
      throw forbidden(
        `This account's role holds ${beyond.join(', ')}, which you do not hold; only someone who does can change or delete it`,
      );
    }
  }

  /** The last active admin cannot be demoted, deactivated or deleted. */
  private async keepAnAdmin(manager: EntityManager, leaving: number): Promise<void> {
    // MySQL: every change that removes an admin first locks the admin role's row, so two concurrent ones
    // cannot both count the other as the admin left. (SQLite transactions already take turns.)
    if (manager.dataSource.options.type === 'mysql') {
      await manager.createQueryBuilder(Role, 'role').setLock('pessimistic_write').where('role.name = :admin', { admin: 'admin' }).getOne();
    }
    const others = await manager
      .createQueryBuilder(User, 'user')
      .innerJoin(Role, 'role', 'role.id = user.role_id')
      .where('role.name = :admin AND user.isActive = :active AND user.id <> :leaving', { admin: 'admin', active: true, leaving })
      .getCount();
    if (others === 0) throw conflict('This is the last active admin; make another admin first');
  }
}

/** No privilege escalation: never one's own role, admin only from an admin, no role with a permission one lacks (403). */
function mayAssign(actor: AuthUser, role: Role, self: boolean): void {
  if (self) throw forbidden('Nobody can change their own role; another user with users:write must');
  if (role.name === 'admin' && actor.role !== 'admin') throw forbidden('Only an admin can make an admin');
  const beyond = lacking(actor, permissionsOf(role));
  if (beyond.length > 0)
    throw forbidden(`You can assign only a role whose permissions you hold; ${role.name} also holds ${beyond.join(', ')}`);
}

const auditedFields = (user: User) => ({ name: user.name, email: user.email, role: user.role.name, isActive: user.isActive });

const emailTaken = () => conflict('An account with this e-mail already exists');

function rethrowEmailTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw emailTaken();
  throw error;
}
