import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ALL_PERMISSIONS, PERMISSIONS, type Permission } from '@marquee/contracts';
import type { ApiKeyDto, CreatedApiKeyDto } from '@marquee/contracts/client';
import { apiKeysCreate, apiKeysList, apiKeysRemove } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../core/api/api-client';
import { applyFieldErrors, errorMessage } from '../../core/api/problem';
import { AuthService } from '../../core/auth/auth.service';
import { Confirmer } from '../../shared/confirm-dialog';
import { todayIso } from '../../shared/dates';
import { fieldMessage } from '../../shared/form-errors';
import { FORM_FIELD_DEFAULTS } from '../../shared/form-field-defaults';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';

/** The last moment of `isoDate` in the browser's time zone, as an ISO timestamp (what `expiresAt` takes). */
export function endOfLocalDay(isoDate: string): string {
  return new Date(`${isoDate}T23:59:59.999`).toISOString();
}

/** The key as the list shows it: everything but the key itself. */
function withoutKey({ id, name, permissions, prefix, createdAt, lastUsedAt, expiresAt }: CreatedApiKeyDto): ApiKeyDto {
  return { id, name, permissions, prefix, createdAt, lastUsedAt, expiresAt };
}

/**
 * The caller's API keys (GET/POST/DELETE /api/api-keys): list, make one with a name, some of the
 * caller's own permissions and an optional last day, shown once with a Copy button; revoke.
 */
@Component({
  selector: 'mq-api-keys',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [
    ReactiveFormsModule,
    DatePipe,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    EmptyState,
    ErrorState,
    LoadingState,
  ],
  templateUrl: './api-keys.html',
  styleUrl: './api-keys.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeys {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthService);
  private readonly confirmer = inject(Confirmer);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly message = fieldMessage;
  /** A key can be given only permissions the caller holds (the API refuses the rest). */
  protected readonly grantable = computed(() =>
    ALL_PERMISSIONS.filter((permission) => this.auth.permissions().has(permission)).map((name) => ({
      name,
      description: PERMISSIONS[name],
    })),
  );
  protected readonly keys = signal<ApiKeyDto[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  /** The key just made: its only appearance. */
  protected readonly created = signal<CreatedApiKeyDto | null>(null);
  protected readonly selected = signal<ReadonlySet<Permission>>(new Set());
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  /** Today in the browser's zone: a key may work until the end of it. */
  protected readonly firstExpiryDay = todayIso(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  private readonly formDirective = viewChild.required('keyForm', { read: FormGroupDirective });
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    expiresOn: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    this.keys.set(null);
    try {
      this.keys.set(await this.api.call(apiKeysList, undefined));
    } catch (error) {
      this.loadError.set(errorMessage(error, 'Your API keys could not be loaded.'));
    }
  }

  protected toggle(permission: Permission, checked: boolean): void {
    this.selected.update((current) => {
      const next = new Set(current);
      if (checked) next.add(permission);
      else next.delete(permission);
      return next;
    });
  }

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const { name, expiresOn } = this.form.getRawValue();
    const permissions = ALL_PERMISSIONS.filter((permission) => this.selected().has(permission));
    this.busy.set(true);
    this.formError.set(null);
    try {
      const body = { name: name.trim(), permissions, ...(expiresOn && { expiresAt: endOfLocalDay(expiresOn) }) };
      const created = await this.api.call(apiKeysCreate, { body });
      this.created.set(created);
      this.keys.update((keys) => (keys ? [...keys, withoutKey(created)] : keys));
      // resetForm, not reset: the form also forgets it was submitted, so the emptied name shows no error.
      this.formDirective().resetForm();
      this.selected.set(new Set());
    } catch (error) {
      this.formError.set(applyFieldErrors(this.form, error, { expiresAt: 'expiresOn' }).join(' ') || null);
    } finally {
      this.busy.set(false);
    }
  }

  protected async copy(key: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(key);
      this.snackBar.open('Key copied', 'OK', { duration: 3000 });
    } catch {
      this.snackBar.open('The browser did not allow copying: select the key and copy it yourself', 'OK', { duration: 6000 });
    }
  }

  protected dismiss(): void {
    this.created.set(null);
  }

  protected async revoke(key: ApiKeyDto): Promise<void> {
    const ok = await this.confirmer.confirm({
      title: `Revoke “${key.name}”?`,
      message: 'Anything using this key stops working at once. This cannot be undone.',
      confirmLabel: 'Revoke key',
    });
    if (!ok) return;
    try {
      await this.api.call(apiKeysRemove, { id: key.id });
      this.keys.update((keys) => keys?.filter(({ id }) => id !== key.id) ?? keys);
      if (this.created()?.id === key.id) this.created.set(null);
      this.snackBar.open(`Key “${key.name}” revoked`, 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error, 'The key could not be revoked.'), 'OK', { duration: 6000 });
    }
  }

  protected isExpired(key: ApiKeyDto): boolean {
    return key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.now();
  }
}
