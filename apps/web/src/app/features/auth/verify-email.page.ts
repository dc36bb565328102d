import { ChangeDetectionStrategy, Component, inject, input, signal, type OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { authVerifyEmail } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../core/api/api-client';
import { AuthService } from '../../core/auth/auth.service';
import { errorMessage, problemKind } from '../../core/api/problem';

/** Confirms an e-mail address with the token of a verification message (`?token=`). */
@Component({
  selector: 'mq-verify-email-page',
  imports: [RouterLink],
  template: `
    <section class="form-card">
      <h1>Verify your e-mail</h1>
      @switch (state()) {
        @case ('busy') {
          <p role="status">Checking the link…</p>
        }
        @case ('verified') {
          <p role="status">Thank you: your e-mail address is verified.</p>
          <p><a routerLink="/">Go to the catalogue</a></p>
        }
        @default {
          <p class="form-alert" role="alert">{{ failure() }}</p>
          <p>Signed in, you can ask for a new link from your <a routerLink="/profile">profile</a>.</p>
        }
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyEmailPage implements OnInit {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthService);

  /** The token of the message's link (query parameter). */
  readonly token = input<string | undefined>();

  protected readonly state = signal<'busy' | 'verified' | 'failed'>('busy');
  protected readonly failure = signal('');

  async ngOnInit(): Promise<void> {
    const token = this.token();
    if (!token) return this.fail('This page needs the link from the verification message.');
    try {
      await this.api.call(authVerifyEmail, { body: { token } });
      this.state.set('verified');
      // Signed in (perhaps as the account just verified): the banner goes once the profile says so.
      if (this.auth.isLoggedIn()) await this.auth.loadMe().catch(() => undefined);
    } catch (error) {
      this.fail(problemKind(error) === 'invalid-token' ? 'This link is unknown, already used or expired.' : errorMessage(error));
    }
  }

  private fail(message: string): void {
    this.failure.set(message);
    this.state.set('failed');
  }
}
