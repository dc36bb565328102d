import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Filters, PagedList } from './paged-list';
import { ListView } from './list-view';

/**
 * The frame of an admin list: its filters (content marked `filters`), then the loading, error or
 * empty state, or the table (the other content) in a sideways-scrolling frame with a paginator.
 */
@Component({
  selector: 'mq-paged-list',
  imports: [MatPaginatorModule, MatProgressBarModule, ListView],
  template: `
    <div class="filters" role="group" [attr.aria-label]="filtersLabel()">
      <ng-content select="[filters]" />
    </div>
    <div class="progress">
      @if (list().loading() && list().page() !== null) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Loading ' + label()" />
      }
    </div>
    <mq-list-view
      [state]="list().state()"
      [error]="list().error()"
      [label]="label()"
      [emptyTitle]="emptyTitle()"
      [emptyHint]="emptyHint()"
      (retry)="list().reload()"
    >
      <ng-content />
      <mat-paginator
        ngProjectAs="[after]"
        [length]="list().page()?.meta?.total ?? 0"
        [pageIndex]="(list().page()?.meta?.page ?? 1) - 1"
        [pageSize]="list().page()?.meta?.limit ?? list().pageSize()"
        [pageSizeOptions]="list().pageSizes"
        (page)="list().setPage($event)"
        [attr.aria-label]="label() + ' pages'"
      />
    </mq-list-view>
  `,
  styles: `
    :host {
      display: block;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0 12px;
    }
    .progress {
      height: 4px;
      margin-bottom: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PagedListView<F extends Filters, T> {
  readonly list = input.required<PagedList<F, T>>();
  /** What the list holds, e.g. "Bookings": names the table region and the paginator. */
  readonly label = input.required<string>();
  readonly filtersLabel = input('Filters');
  readonly emptyTitle = input('Nothing matches');
  readonly emptyHint = input('');
}
