import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { authRequestPasswordReset } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../core/api/api-client';
import { applyFieldErrors } from '../../core/api/problem';
import { fieldMessage } from '../../shared/form-errors';
import { FORM_FIELD_DEFAULTS } from '../../shared/form-field-defaults';

/** Asks for a password-reset message; the answer is the same whether or not the address has an account. */
@Component({
  selector: 'mq-forgot-password-page',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="form-card">
      <h1>Forgot your password?</h1>
      @if (sent()) {
        <p role="status">
          If an account uses {{ form.controls.email.value }}, a message with a link to choose a new password is on its way. The link works
          once, for one hour.
        </p>
        <p><a routerLink="/login">Back to log in</a></p>
      } @else {
        <form [formGroup]="form" (ngSubmit)="submit()" class="stack" novalidate>
          @if (formError(); as message) {
            <p class="form-alert" role="alert">{{ message }}</p>
          }
          <p class="muted">Enter the e-mail address of your account and we will send you a link to choose a new password.</p>
          <mat-form-field>
            <mat-label>E-mail</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="email" required />
            <mat-error>{{ message(form.controls.email.errors, 'E-mail') }}</mat-error>
          </mat-form-field>
          <div class="form-actions">
            <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Sending…' : 'Send the link' }}</button>
            <a routerLink="/login">Back to log in</a>
          </div>
        </form>
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPasswordPage {
  private readonly api = inject(ApiClient);

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
  });
  protected readonly busy = signal(false);
  protected readonly sent = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly message = fieldMessage;

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.formError.set(null);
    try {
      await this.api.call(authRequestPasswordReset, { body: this.form.getRawValue() });
      this.sent.set(true);
    } catch (error) {
      this.formError.set(applyFieldErrors(this.form, error).join(' ') || null);
    } finally {
      this.busy.set(false);
    }
  }
}
