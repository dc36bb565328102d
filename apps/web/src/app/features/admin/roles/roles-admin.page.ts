import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { PERMISSIONS, type Permission } from '@marquee/contracts';
import type { RoleDto } from '@marquee/contracts/client';
import { rolesCreate, rolesList, rolesRemove, rolesUpdate } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { applyFieldErrors, errorMessage } from '../../../core/api/problem';
import { Confirmer } from '../../../shared/confirm-dialog';
import { fieldMessage } from '../../../shared/form-errors';
import { ErrorState, LoadingState } from '../../../shared/states';
import { TableScroll } from '../../../shared/table-scroll';
import { FORM_FIELD_DEFAULTS } from '../../../shared/form-field-defaults';

export const ROLE_NAME_PATTERN = /^[a-z0-9-]{2,40}$/;

/** The permission matrix: a column per role, a row per permission; edits are saved per role. */
@Component({
  selector: 'mq-roles-admin-page',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    TableScroll,
    LoadingState,
    ErrorState,
  ],
  templateUrl: './roles-admin.page.html',
  styleUrl: './roles-admin.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RolesAdminPage {
  private readonly api = inject(ApiClient);
  private readonly confirmer = inject(Confirmer);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly permissions = Object.entries(PERMISSIONS).map(([name, description]) => ({ name: name as Permission, description }));
  protected readonly roles = signal<RoleDto[] | null>(null);
  protected readonly error = signal<string | null>(null);
  /** Unsaved permission sets, by role id. */
  protected readonly drafts = signal<Record<number, Permission[]>>({});
  protected readonly busyId = signal<number | null>(null);
  protected readonly dirty = computed(() => new Set(Object.keys(this.drafts()).map(Number)));
  protected readonly message = fieldMessage;

  protected readonly createForm = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(ROLE_NAME_PATTERN)] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
  });
  protected readonly creating = signal(false);
  protected readonly createError = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      this.roles.set(await this.api.call(rolesList, undefined));
      this.drafts.set({});
    } catch (error) {
      this.error.set(errorMessage(error, 'The roles could not be loaded.'));
    }
  }

  protected granted(role: RoleDto, permission: Permission): boolean {
    return (this.drafts()[role.id] ?? (role.permissions as Permission[])).includes(permission);
  }

  protected locked(role: RoleDto): boolean {
    return role.name === 'admin';
  }

  protected toggle(role: RoleDto, permission: Permission, checked: boolean): void {
    const current = this.drafts()[role.id] ?? (role.permissions as Permission[]);
    const next = checked ? [...new Set([...current, permission])] : current.filter((p) => p !== permission);
    const unchanged = next.length === role.permissions.length && next.every((p) => role.permissions.includes(p));
    this.drafts.update((drafts) => {
      const copy = { ...drafts };
      if (unchanged) delete copy[role.id];
      else copy[role.id] = next;
      return copy;
    });
  }

  protected async save(role: RoleDto): Promise<void> {
    const permissions = this.drafts()[role.id];
    if (!permissions) return;
    this.busyId.set(role.id);
    try {
      const updated = await this.api.call(rolesUpdate, { id: role.id, body: { permissions } });
      this.roles.update((roles) => (roles ?? []).map((r) => (r.id === updated.id ? updated : r)));
      this.drafts.update((drafts) => {
        const copy = { ...drafts };
        delete copy[role.id];
        return copy;
      });
      this.snackBar.open(`Role ${role.name} saved`, 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
    } finally {
      this.busyId.set(null);
    }
  }

  protected async remove(role: RoleDto): Promise<void> {
    const ok = await this.confirmer.confirm({
      title: `Delete role ${role.name}?`,
      message: 'Only a role no user has can be deleted.',
      confirmLabel: 'Delete',
    });
    if (!ok) return;
    try {
      await this.api.call(rolesRemove, { id: role.id });
      this.roles.update((roles) => (roles ?? []).filter((r) => r.id !== role.id));
      this.snackBar.open(`Role ${role.name} deleted`, 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
    }
  }

  protected async create(): Promise<void> {
    this.createForm.markAllAsTouched();
    if (this.createForm.invalid || this.creating()) return;
    this.creating.set(true);
    this.createError.set(null);
    const { name, description } = this.createForm.getRawValue();
    try {
      const role = await this.api.call(rolesCreate, { body: { name, description, permissions: [] } });
      this.roles.update((roles) => [...(roles ?? []), role]);
      this.createForm.reset();
      this.snackBar.open(`Role ${role.name} created`, 'OK', { duration: 4000 });
    } catch (error) {
      this.createError.set(applyFieldErrors(this.createForm, error).join(' ') || null);
    } finally {
      this.creating.set(false);
    }
  }
}
