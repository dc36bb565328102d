import { ChangeDetectionStrategy, Component, computed, input, output, type Signal } from '@angular/core';
import { EmptyState, ErrorState, LoadingState } from './states';
import { TableScroll } from './table-scroll';

export type ListState = 'loading' | 'error' | 'empty' | 'ready';

/**
 * The state of a list loaded whole (no pages): loading while there is nothing to show yet, the
 * load's error, empty, or ready (the rows shown while a new load runs).
 */
export function listState(loading: Signal<boolean>, error: Signal<string | null>, rows: Signal<readonly unknown[]>): Signal<ListState> {
  return computed(() => {
    if (loading() && rows().length === 0) return 'loading';
    if (error() !== null) return 'error';
    return rows().length === 0 ? 'empty' : 'ready';
  });
}

/**
 * A list's loading, error (with "Try again") or empty state, or its table (the content) in a
 * sideways-scrolling frame, followed by the content marked `after` (a paginator).
 */
@Component({
  selector: 'mq-list-view',
  imports: [TableScroll, LoadingState, ErrorState, EmptyState],
  template: `
    @switch (state()) {
      @case ('loading') {
        <mq-loading [label]="loadingLabel()" />
      }
      @case ('error') {
        <mq-error [message]="error() ?? ''" (retry)="retry.emit()" />
      }
      @case ('empty') {
        <mq-empty [title]="emptyTitle()" [hint]="emptyHint()" />
      }
      @default {
        <mq-table-scroll [label]="label()">
          <ng-content />
        </mq-table-scroll>
        <ng-content select="[after]" />
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListView {
  readonly state = input.required<ListState>();
  readonly error = input<string | null>(null);
  /** What the list holds, e.g. "Attendees": names the table's scrolling region. */
  readonly label = input.required<string>();
  readonly loadingLabel = input('Loading…');
  readonly emptyTitle = input('Nothing matches');
  readonly emptyHint = input('');
  /** "Try again" after a failed load: load the list again. */
  readonly retry = output();
}
