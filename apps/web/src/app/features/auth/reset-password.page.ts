import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { authResetPassword } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../core/api/api-client';
import { applyFieldErrors, problemKind } from '../../core/api/problem';
import { fieldMessage, passwordStrength } from '../../shared/form-errors';
import { FORM_FIELD_DEFAULTS } from '../../shared/form-field-defaults';

/** Sets a new password with the token of a reset message (`?token=`). */
@Component({
  selector: 'mq-reset-password-page',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="form-card">
      <h1>Choose a new password</h1>
      @if (done()) {
        <p role="status">Your password has changed, and every session of your account has ended.</p>
        <p><a routerLink="/login">Log in with the new password</a></p>
      } @else if (!token()) {
        <p class="form-alert" role="alert">This page needs the link from the password-reset message.</p>
        <p><a routerLink="/forgot-password">Ask for a new link</a></p>
      } @else {
        <form [formGroup]="form" (ngSubmit)="submit()" class="stack" novalidate>
          @if (formError(); as message) {
            <p class="form-alert" role="alert">{{ message }}</p>
          }
          @if (expired()) {
            <p><a routerLink="/forgot-password">Ask for a new link</a></p>
          }
          <mat-form-field>
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
            <mat-error>{{ message(form.controls.newPassword.errors, 'Password') }}</mat-error>
          </mat-form-field>
          <div class="form-actions">
            <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save the new password' }}</button>
          </div>
        </form>
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordPage {
  private readonly api = inject(ApiClient);

  /** The token of the message's link (query parameter). */
  readonly token = input<string | undefined>();

  protected readonly form = new FormGroup({
    newPassword: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(8), Validators.maxLength(128), passwordStrength],
    }),
  });
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly expired = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly message = fieldMessage;

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    const token = this.token();
    if (this.form.invalid || this.busy() || !token) return;
    this.busy.set(true);
    this.formError.set(null);
    try {
      await this.api.call(authResetPassword, { body: { token, newPassword: this.form.getRawValue().newPassword } });
      this.done.set(true);
    } catch (error) {
      if (problemKind(error) === 'invalid-token') {
        this.expired.set(true);
        this.formError.set('This link is unknown, already used or expired.');
      } else this.formError.set(applyFieldErrors(this.form, error).join(' ') || null);
    } finally {
      this.busy.set(false);
    }
  }
}
