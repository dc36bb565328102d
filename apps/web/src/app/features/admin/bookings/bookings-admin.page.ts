import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { BOOKING_STATUSES, type BookingStatus } from '@marquee/contracts';
import type { BookingDto, BookingPageDto } from '@marquee/contracts/client';
import { bookingsCancel, bookingsComplete, bookingsList } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { AuthService } from '../../../core/auth/auth.service';
import { Confirmer } from '../../../shared/confirm-dialog';
import { todayIso } from '../../../shared/dates';
import { MoneyPipe } from '../../../shared/money.pipe';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/states';

/** Every customer's bookings with status and date filters; cancel and complete. */
@Component({
  selector: 'mq-bookings-admin-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    MatPaginatorModule,
    MoneyPipe,
    LoadingState,
    ErrorState,
    EmptyState,
  ],
  templateUrl: './bookings-admin.page.html',
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
    }
    .actions {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingsAdminPage {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthService);
  private readonly confirmer = inject(Confirmer);
  private readonly snackBar = inject(MatSnackBar);
  private readonly today = todayIso();

  protected readonly statuses = BOOKING_STATUSES;
  protected readonly columns = ['id', 'date', 'service', 'user', 'quantity', 'total', 'status', 'actions'];
  protected readonly canWrite = computed(() => this.auth.permissions().has('bookings:write:any'));

  protected readonly status = signal<BookingStatus | ''>('');
  protected readonly from = signal('');
  protected readonly to = signal('');
  private pageIndex = 0;
  private pageSize = 20;

  protected readonly page = signal<BookingPageDto | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busyId = signal<number | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      this.page.set(
        await this.api.call(bookingsList, {
          page: this.pageIndex + 1,
          limit: this.pageSize,
          status: this.status() || undefined,
          from: this.from() || undefined,
          to: this.to() || undefined,
          sort: '-bookingDate',
        }),
      );
    } catch (error) {
      this.error.set(errorMessage(error, 'The bookings could not be loaded.'));
    }
  }

  protected setFilter(which: 'status' | 'from' | 'to', value: string): void {
    if (which === 'status') this.status.set(value as BookingStatus | '');
    else (which === 'from' ? this.from : this.to).set(value);
    this.pageIndex = 0;
    void this.load();
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex = event.pageIndex;
    this.pageSize = event.pageSize;
    void this.load();
  }

  protected canCancel(booking: BookingDto): boolean {
    return booking.status === 'confirmed' && booking.bookingDate >= this.today;
  }

  protected canComplete(booking: BookingDto): boolean {
    return booking.status === 'confirmed' && booking.bookingDate <= this.today;
  }

  protected async cancel(booking: BookingDto): Promise<void> {
    const ok = await this.confirmer.confirm({
      title: `Cancel booking #${booking.id}?`,
      message: `${booking.service.name} on ${booking.bookingDate}: the places are released.`,
      confirmLabel: 'Cancel booking',
    });
    if (ok) await this.act(booking, () => this.api.call(bookingsCancel, { id: booking.id }), 'Booking cancelled');
  }

  protected async complete(booking: BookingDto): Promise<void> {
    await this.act(booking, () => this.api.call(bookingsComplete, { id: booking.id }), 'Booking completed');
  }

  private async act(booking: BookingDto, call: () => Promise<BookingDto>, done: string): Promise<void> {
    this.busyId.set(booking.id);
    try {
      const updated = await call();
      this.page.update((page) => (page ? { ...page, data: page.data.map((b) => (b.id === updated.id ? updated : b)) } : page));
      this.snackBar.open(done, 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
    } finally {
      this.busyId.set(null);
    }
  }
}
