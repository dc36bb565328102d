import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { UpdateMeDto } from '@marquee/contracts/client';
import { authUpdateMe } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../core/api/api-client';
import { applyFieldErrors } from '../../core/api/problem';
import { AuthService } from '../../core/auth/auth.service';
import { fieldMessage } from '../../shared/form-errors';
import { createDetailsForm, createPasswordForm } from './profile-forms';
import { FORM_FIELD_DEFAULTS } from '../../shared/form-field-defaults';
import { ApiKeys } from './api-keys';

/** Name and e-mail, and a separate password change (both PATCH /api/auth/me); the caller's API keys. */
@Component({
  selector: 'mq-profile-page',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ApiKeys],
  templateUrl: './profile.page.html',
  styleUrl: './profile.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly user = this.auth.user;
  protected readonly message = fieldMessage;
  protected readonly details = createDetailsForm();
  protected readonly password = createPasswordForm();
  private readonly passwordForm = viewChild.required('passwordForm', { read: FormGroupDirective });
  protected readonly detailsBusy = signal(false);
  protected readonly passwordBusy = signal(false);
  protected readonly detailsError = signal<string | null>(null);
  protected readonly passwordError = signal<string | null>(null);

  private readonly detailsValue = toSignal(this.details.valueChanges, { initialValue: this.details.getRawValue() });
  /** Changing the e-mail address needs the current password (the API says so too). */
  protected readonly emailChanged = computed(() => {
    const email = this.detailsValue().email?.trim().toLowerCase();
    return !!email && email !== this.user()?.email;
  });

  constructor() {
    const me = this.user();
    if (me) this.details.patchValue({ name: me.name, email: me.email });
  }

  protected async saveDetails(): Promise<void> {
    this.details.markAllAsTouched();
    const me = this.user();
    if (this.details.invalid || !me || this.detailsBusy()) return;
    const { name, email, currentPassword } = this.details.getRawValue();
    const body: UpdateMeDto = {};
    if (name.trim() !== me.name) body.name = name.trim();
    if (email.trim().toLowerCase() !== me.email) {
      body.email = email.trim();
      body.currentPassword = currentPassword;
    }
    if (Object.keys(body).length === 0) {
      this.snackBar.open('Nothing to save', 'OK', { duration: 3000 });
      return;
    }
    this.detailsBusy.set(true);
    this.detailsError.set(null);
    try {
      const updated = await this.api.call(authUpdateMe, { body });
      this.auth.patchUser({ name: updated.name, email: updated.email, emailVerified: updated.emailVerified });
      this.details.patchValue({ name: updated.name, email: updated.email, currentPassword: '' });
      this.snackBar.open('Profile saved', 'OK', { duration: 4000 });
    } catch (error) {
      this.detailsError.set(applyFieldErrors(this.details, error).join(' ') || null);
    } finally {
      this.detailsBusy.set(false);
    }
  }

  protected async changePassword(): Promise<void> {
    this.password.markAllAsTouched();
    if (this.password.invalid || this.passwordBusy()) return;
    const { currentPassword, newPassword } = this.password.getRawValue();
    this.passwordBusy.set(true);
    this.passwordError.set(null);
    try {
      await this.api.call(authUpdateMe, { body: { currentPassword, newPassword } });
      // resetForm, not reset: the form must also forget it was submitted, or every emptied
      // required field would show as an error.
      this.passwordForm().resetForm();
      this.snackBar.open('Password changed', 'OK', { duration: 4000 });
    } catch (error) {
      this.passwordError.set(applyFieldErrors(this.password, error).join(' ') || null);
    } finally {
      this.passwordBusy.set(false);
    }
  }
}
