import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { applyFieldErrors, httpStatus } from '../../core/api/problem';
import { AuthService } from '../../core/auth/auth.service';
import { fieldMessage } from '../../shared/form-errors';
import { createLoginForm } from './auth-forms';
import { safeReturnUrl } from './return-url';
import { FORM_FIELD_DEFAULTS } from '../../shared/form-field-defaults';

@Component({
  selector: 'mq-login-page',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="form-card">
      <h1>Log in</h1>
      <form [formGroup]="form" (ngSubmit)="submit()" class="stack" novalidate>
        @if (formError(); as message) {
          <p class="form-alert" role="alert">{{ message }}</p>
        }
        <mat-form-field>
          <mat-label>E-mail</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="email" required />
          <mat-error>{{ message(form.controls.email.errors, 'E-mail') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="current-password" required />
          <mat-error>{{ message(form.controls.password.errors, 'Password') }}</mat-error>
        </mat-form-field>
        <a routerLink="/forgot-password">Forgot your password?</a>
        <div class="form-actions">
          <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Logging in…' : 'Log in' }}</button>
          <span class="muted"
            >New here? <a routerLink="/register" [queryParams]="returnUrl() ? { returnUrl: returnUrl() } : {}">Create an account</a></span
          >
        </div>
      </form>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Where to go after logging in (query parameter). */
  readonly returnUrl = input<string | undefined>();

  protected readonly form = createLoginForm();
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly message = fieldMessage;

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.formError.set(null);
    try {
      await this.auth.login(this.form.getRawValue());
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      if (httpStatus(error) === 401) this.formError.set('Wrong e-mail or password.');
      else this.formError.set(applyFieldErrors(this.form, error).join(' ') || null);
    } finally {
      this.busy.set(false);
    }
  }
}
