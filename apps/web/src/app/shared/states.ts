import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/** A spinner with a label read by screen readers. */
@Component({
  selector: 'mq-loading',
  imports: [MatProgressSpinnerModule],
  template: `<div class="state" role="status">
    <mat-progress-spinner mode="indeterminate" diameter="36" aria-hidden="true" />
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
  imports: [MatButtonModule],
  template: `<div class="state error" role="alert">
    <strong>{{ message() }}</strong>
    <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
  </div>`,
  styleUrl: './states.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorState {
  readonly message = input('Something went wrong.');
  readonly retry = output();
}
