import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { ServiceDto, ServicePageDto } from '@marquee/contracts/client';
import { servicesList, servicesRemove } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { Confirmer } from '../../../shared/confirm-dialog';
import { MoneyPipe } from '../../../shared/money.pipe';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/states';

/** Every service (bookable or not) with edit and delete. */
@Component({
  selector: 'mq-services-admin-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MoneyPipe,
    LoadingState,
    ErrorState,
    EmptyState,
  ],
  template: `
    <div class="page-header">
      <h1>Services</h1>
      <a mat-flat-button routerLink="/admin/services/new">New service</a>
    </div>
    <mat-form-field class="search">
      <mat-label>Search services</mat-label>
      <input matInput type="search" (input)="onSearch($any($event.target).value)" />
    </mat-form-field>
    @if (error(); as message) {
      <mq-error [message]="message" (retry)="load()" />
    } @else if (page(); as p) {
      @if (p.data.length === 0) {
        <mq-empty title="No services" hint="Create the first one." />
      } @else {
        <div class="table-scroll">
          <table mat-table [dataSource]="p.data" aria-label="Services">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef scope="col">Name</th>
              <td mat-cell *matCellDef="let s">{{ s.name }}</td>
            </ng-container>
            <ng-container matColumnDef="category">
              <th mat-header-cell *matHeaderCellDef scope="col">Category</th>
              <td mat-cell *matCellDef="let s">{{ s.category }}</td>
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
                <button mat-button type="button" (click)="remove(s)" [attr.aria-label]="'Delete ' + s.name">Delete</button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
        <mat-paginator
          [length]="p.meta.total"
          [pageIndex]="p.meta.page - 1"
          [pageSize]="p.meta.limit"
          [pageSizeOptions]="[20, 50, 100]"
          (page)="onPage($event)"
          aria-label="Service pages"
        />
      }
    } @else {
      <mq-loading />
    }
  `,
  styles: `
    .search {
      width: min(100%, 360px);
    }
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
  private search = '';
  private pageIndex = 0;
  private pageSize = 20;
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected readonly columns = ['name', 'category', 'price', 'capacity', 'status', 'actions'];
  protected readonly page = signal<ServicePageDto | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      this.page.set(
        await this.api.call(servicesList, {
          page: this.pageIndex + 1,
          limit: this.pageSize,
          search: this.search || undefined,
          sort: 'name',
        }),
      );
    } catch (error) {
      this.error.set(errorMessage(error, 'The services could not be loaded.'));
    }
  }

  protected onSearch(value: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.search = value.trim();
      this.pageIndex = 0;
      void this.load();
    }, 300);
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex = event.pageIndex;
    this.pageSize = event.pageSize;
    void this.load();
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
      await this.load();
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
    }
  }
}
