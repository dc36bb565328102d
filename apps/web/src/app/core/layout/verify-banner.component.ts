import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { authRequestVerification } from '@marquee/contracts/client/functions';
import { ApiClient } from '../api/api-client';
import { errorMessage } from '../api/problem';
import { AuthService } from '../auth/auth.service';

/** While the signed-in user's e-mail is unverified: a line saying so, and a way to get the link again. */
@Component({
  selector: 'mq-verify-banner',
  template: `
    @if (user(); as me) {
      @if (!me.emailVerified) {
        <aside class="verify-banner" aria-label="E-mail verification">
          @if (sent()) {
            <span role="status">We sent a new link to {{ me.email }}.</span>
          } @else {
            <span>Please verify your e-mail address: open the link we sent to {{ me.email }}.</span>
            <button class="btn" type="button" (click)="resend()" [disabled]="busy()">Send the link again</button>
          }
          @if (failure(); as message) {
            <span role="alert">{{ message }}</span>
          }
        </aside>
      }
    }
  `,
  styles: `
    .verify-banner {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      justify-content: center;
      padding: 8px 16px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyBannerComponent {
  private readonly api = inject(ApiClient);
  protected readonly user = inject(AuthService).user;
  protected readonly busy = signal(false);
  protected readonly sent = signal(false);
  protected readonly failure = signal<string | null>(null);

  protected async resend(): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      await this.api.call(authRequestVerification, undefined);
      this.sent.set(true);
    } catch (error) {
      this.failure.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
