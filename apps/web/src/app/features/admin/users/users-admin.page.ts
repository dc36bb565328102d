import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule, type MatSelect } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { BUILT_IN_ROLES } from '@marquee/contracts';
import type { UserDto } from '@marquee/contracts/client';
import { rolesList, usersList, usersUpdate } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { AuthService } from '../../../core/auth/auth.service';
import { Confirmer } from '../../../shared/confirm-dialog';
import { pagedList } from '../../../shared/paged-list';
import { SearchFilter } from '../../../shared/list-filters';
import { PagedListView } from '../../../shared/paged-list-view';
import { FORM_FIELD_DEFAULTS } from '../../../shared/form-field-defaults';

/** Users: search, change role, deactivate or reactivate. */
@Component({
  selector: 'mq-users-admin-page',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [MatButtonModule, MatFormFieldModule, MatSelectModule, MatTableModule, PagedListView, SearchFilter],
  templateUrl: './users-admin.page.html',
  styles: `
    .role-select {
      width: 150px;
    }
    .inactive {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersAdminPage {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthService);
  private readonly confirmer = inject(Confirmer);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['name', 'email', 'role', 'status', 'actions'];
  protected readonly canWrite = computed(() => this.auth.permissions().has('users:write'));
  protected readonly me = this.auth.user;
  protected readonly busyId = signal<number | null>(null);
  protected readonly list = pagedList({
    filters: { search: '' },
    inUrl: true,
    errorMessage: 'The users could not be loaded.',
    load: ({ page, limit, filters }) => this.api.call(usersList, { page, limit, search: filters.search.trim() || undefined, sort: 'name' }),
  });
  private readonly knownRoles = signal<string[]>(Object.keys(BUILT_IN_ROLES));
  protected readonly roles = computed(() => [...new Set([...this.knownRoles(), ...this.list.rows().map((u) => u.role)])].sort());

  constructor() {
    void this.list.reload();
    if (this.auth.can('roles:manage')) void this.loadRoles();
  }

  /** Asks first; on "no" the select goes back to the current role. */
  protected async changeRole(user: UserDto, role: string, select: MatSelect): Promise<void> {
    if (role === user.role) return;
    const ok = await this.confirmer.confirm({
      title: `Make ${user.name} ${role}?`,
      message: `${user.email} has the role ${user.role} now; their permissions change at once.`,
      confirmLabel: `Make ${role}`,
      cancelLabel: `Keep ${user.role}`,
    });
    if (!ok) {
      select.value = user.role;
      return;
    }
    await this.update(user, { role }, `${user.name} is now ${role}`);
  }

  protected async toggleActive(user: UserDto): Promise<void> {
    if (user.isActive) {
      const ok = await this.confirmer.confirm({
        title: `Deactivate ${user.name}?`,
        message: 'They are signed out at once and cannot log in until reactivated.',
        confirmLabel: 'Deactivate',
      });
      if (!ok) return;
    }
    await this.update(user, { isActive: !user.isActive }, user.isActive ? `${user.name} deactivated` : `${user.name} reactivated`);
  }

  private async loadRoles(): Promise<void> {
    try {
      const roles = await this.api.call(rolesList, undefined);
      this.knownRoles.set(roles.map((role) => role.name));
    } catch {
      // The built-in role names are enough to work with.
    }
  }

  private async update(user: UserDto, body: { role?: string; isActive?: boolean }, done: string): Promise<void> {
    this.busyId.set(user.id);
    try {
      const updated = await this.api.call(usersUpdate, { id: user.id, body });
      this.list.updateRows((row) => (row.id === updated.id ? updated : row));
      this.snackBar.open(done, 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
      await this.list.reload();
    } finally {
      this.busyId.set(null);
    }
  }
}
