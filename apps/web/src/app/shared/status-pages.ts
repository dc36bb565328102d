import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'mq-forbidden-page',
  imports: [RouterLink, MatButtonModule],
  template: `<section class="form-card" data-testid="forbidden">
    <h1>Not allowed</h1>
    <p>Your account does not have access to that page. If you think it should, ask an administrator.</p>
    <a mat-flat-button routerLink="/">Back to the catalogue</a>
  </section>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForbiddenPage {}

@Component({
  selector: 'mq-not-found-page',
  imports: [RouterLink, MatButtonModule],
  template: `<section class="form-card">
    <h1>Page not found</h1>
    <p>There is nothing at this address.</p>
    <a mat-flat-button routerLink="/">Back to the catalogue</a>
  </section>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
