import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { BUILT_IN_ROLES } from '@marquee/contracts';
import type { UserDto, UserPageDto } from '@marquee/contracts/client';
import { rolesList, usersList, usersUpdate } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { AuthService } from '../../../core/auth/auth.service';
import { Confirmer } from '../../../shared/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/states';

/** Users: search, change role, deactivate or reactivate. */
@Component({
  selector: 'mq-users-admin-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    MatPaginatorModule,
    LoadingState,
    ErrorState,
    EmptyState,
  ],
  templateUrl: './users-admin.page.html',
  styles: `
    .search {
      width: min(100%, 360px);
    }
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
  private search = '';
  private pageIndex = 0;
  private pageSize = 20;
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected readonly columns = ['name', 'email', 'role', 'status', 'actions'];
  protected readonly canWrite = computed(() => this.auth.permissions().has('users:write'));
  protected readonly me = this.auth.user;
  protected readonly page = signal<UserPageDto | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busyId = signal<number | null>(null);
  private readonly knownRoles = signal<string[]>(Object.keys(BUILT_IN_ROLES));
  protected readonly roles = computed(() => [...new Set([...this.knownRoles(), ...(this.page()?.data ?? []).map((u) => u.role)])].sort());

  constructor() {
    void this.load();
    if (this.auth.can('roles:manage')) void this.loadRoles();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      this.page.set(
        await this.api.call(usersList, { page: this.pageIndex + 1, limit: this.pageSize, search: this.search || undefined, sort: 'name' }),
      );
    } catch (error) {
      this.error.set(errorMessage(error, 'The users could not be loaded.'));
    }
  }

  protected onSearch(value: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.search = value.trim();
      this.pageIndex = 0;
      void this.load();
    }, 300);
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex = event.pageIndex;
    this.pageSize = event.pageSize;
    void this.load();
  }

  protected async changeRole(user: UserDto, role: string): Promise<void> {
    if (role === user.role) return;
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
      this.page.update((page) => (page ? { ...page, data: page.data.map((u) => (u.id === updated.id ? updated : u)) } : page));
      this.snackBar.open(done, 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
      await this.load();
    } finally {
      this.busyId.set(null);
    }
  }
}
