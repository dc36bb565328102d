import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { ServiceDto } from '@marquee/contracts/client';
import { servicesList, servicesRemove } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { Confirmer } from '../../../shared/confirm-dialog';
import { MoneyPipe } from '../../../shared/money.pipe';
import { pagedList } from '../../../shared/paged-list';
import { SearchFilter } from '../../../shared/list-filters';
import { PagedListView } from '../../../shared/paged-list-view';
import { categoryLabel } from '../../catalogue/category-label';

/** Every service (bookable or not) with edit and delete. */
@Component({
  selector: 'mq-services-admin-page',
  imports: [RouterLink, MatButtonModule, MatTableModule, MoneyPipe, PagedListView, SearchFilter],
  template: `
    <div class="page-header">
      <h1>Services</h1>
      <a mat-flat-button routerLink="/admin/services/new">New service</a>
    </div>
    <mq-paged-list [list]="list" label="Services" filtersLabel="Filter services" emptyTitle="No services" [emptyHint]="emptyHint()">
      <mq-search-filter
        ngProjectAs="[filters]"
        label="Search services"
        [value]="list.filters().search"
        (changed)="list.setFilters({ search: $event }, { debounce: true })"
      />
      <table mat-table [dataSource]="list.rows()" aria-label="Services">
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef scope="col">Name</th>
          <td mat-cell *matCellDef="let s">{{ s.name }}</td>
        </ng-container>
        <ng-container matColumnDef="category">
          <th mat-header-cell *matHeaderCellDef scope="col">Category</th>
          <td mat-cell *matCellDef="let s">{{ category(s.category) }}</td>
        </ng-container>
        <ng-container matColumnDef="price">
          <th mat-header-cell *matHeaderCellDef scope="col">Price</th>
          <td mat-cell *matCellDef="let s">{{ s.priceCents | money: s.currency }}</td>
        </ng-container>
        <ng-container matColumnDef="capacity">
          <th mat-header-cell *matHeaderCellDef scope="col">Capacity</th>
          <td mat-cell *matCellDef="let s">{{ s.capacity }}</td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
          <td mat-cell *matCellDef="let s">{{ s.availabilityStatus }}</td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
          <td mat-cell *matCellDef="let s" class="actions">
            <a mat-button [routerLink]="['/admin/services', s.id]" [attr.aria-label]="'Edit ' + s.name">Edit</a>
            <a mat-button [routerLink]="['/admin/services', s.id, 'sessions']" [attr.aria-label]="'Tickets and sessions of ' + s.name"
              >Sessions</a
            >
            <button mat-button type="button" (click)="remove(s)" [attr.aria-label]="'Delete ' + s.name">Delete</button>
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </mq-paged-list>
  `,
  styles: `
    .actions {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServicesAdminPage {
  private readonly api = inject(ApiClient);
  private readonly confirmer = inject(Confirmer);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['name', 'category', 'price', 'capacity', 'status', 'actions'];
  protected readonly category = categoryLabel;
  protected readonly list = pagedList({
    filters: { search: '' },
    inUrl: true,
    errorMessage: 'The services could not be loaded.',
    load: ({ page, limit, filters }) =>
      this.api.call(servicesList, { page, limit, search: filters.search.trim() || undefined, sort: 'name' }),
  });
  protected readonly emptyHint = computed(() => (this.list.filters().search.trim() ? 'Change the search.' : 'Create the first one.'));

  constructor() {
    void this.list.reload();
  }

  protected async remove(service: ServiceDto): Promise<void> {
    const ok = await this.confirmer.confirm({
      title: `Delete ${service.name}?`,
      message: 'It disappears from the catalogue; existing bookings are kept.',
      confirmLabel: 'Delete',
      cancelLabel: 'Keep',
    });
    if (!ok) return;
    try {
      await this.api.call(servicesRemove, { id: service.id });
      this.snackBar.open(`${service.name} deleted`, 'OK', { duration: 4000 });
      await this.list.reload();
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
    }
  }
}
