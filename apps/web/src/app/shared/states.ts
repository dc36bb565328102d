import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

// Plain HTML and CSS (no Material): these show on the first page, before anything else has loaded.

/** A spinner with a label read by screen readers. */
@Component({
  selector: 'mq-loading',
  template: `<div class="state" role="status">
    <span class="spinner" aria-hidden="true"></span>
    <span>{{ label() }}</span>
  </div>`,
  styleUrl: './states.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadingState {
  readonly label = input('Loading…');
}

/** Nothing to show, with what to do about it. */
@Component({
  selector: 'mq-empty',
  template: `<div class="state empty" role="status">
    <strong>{{ title() }}</strong>
    <span class="muted">{{ hint() }}</span>
    <ng-content />
  </div>`,
  styleUrl: './states.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  readonly title = input.required<string>();
  readonly hint = input('');
}

/** A failed load, with a retry button. */
@Component({
  selector: 'mq-error',
  template: `<div class="state error" role="alert">
    <strong>{{ message() }}</strong>
    <button class="btn outlined" type="button" (click)="retry.emit()">Try again</button>
  </div>`,
  styleUrl: './states.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorState {
  readonly message = input('Something went wrong.');
  readonly retry = output();
}
