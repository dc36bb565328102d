import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { BOOKING_STATUSES, type BookingStatus } from '@marquee/contracts';
import type { BookingDto } from '@marquee/contracts/client';
import { bookingsCancel, bookingsComplete, bookingsList, servicesList } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { AuthService } from '../../../core/auth/auth.service';
import { Confirmer } from '../../../shared/confirm-dialog';
import { todayIso } from '../../../shared/dates';
import { MoneyPipe } from '../../../shared/money.pipe';
import { pagedList } from '../../../shared/paged-list';
import { PagedListView } from '../../../shared/paged-list-view';
import { DateRangeFilter } from '../../../shared/date-range-filter';
import { SearchFilter, SelectFilter, type FilterOption } from '../../../shared/list-filters';
import { plural } from '../../../shared/plural';

/** Every customer's bookings, filtered by status, service, customer and dates (kept in the URL); cancel and complete. */
@Component({
  selector: 'mq-bookings-admin-page',
  imports: [MatButtonModule, MatTableModule, MoneyPipe, PagedListView, DateRangeFilter, SearchFilter, SelectFilter],
  templateUrl: './bookings-admin.page.html',
  styles: `
    .customer {
      display: flex;
      flex-direction: column;
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
  protected readonly columns = ['id', 'date', 'service', 'customer', 'quantity', 'total', 'status', 'actions'];
  protected readonly canWrite = computed(() => this.auth.permissions().has('bookings:write:any'));
  protected readonly busyId = signal<number | null>(null);
  /** The services to filter by (the first hundred by name). */
  protected readonly services = signal<FilterOption[]>([]);

  protected readonly list = pagedList({
    filters: { status: '', service: '', customer: '', from: '', to: '' },
    inUrl: true,
    errorMessage: 'The bookings could not be loaded.',
    load: ({ page, limit, filters }) =>
      this.api.call(bookingsList, {
        page,
        limit,
        status: (filters.status as BookingStatus) || undefined,
        serviceId: /^\d+$/.test(filters.service) ? Number(filters.service) : undefined,
        customer: filters.customer.trim() || undefined,
        from: filters.from || undefined,
        to: filters.to || undefined,
        sort: '-bookingDate',
      }),
  });

  constructor() {
    void this.list.reload();
    void this.loadServices();
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
      message: `${describe(booking)}: the ${plural(booking.quantity, 'place')} are released.`,
      confirmLabel: 'Cancel booking',
    });
    if (ok) await this.act(booking, () => this.api.call(bookingsCancel, { id: booking.id }), 'Booking cancelled');
  }

  protected async complete(booking: BookingDto): Promise<void> {
    const ok = await this.confirmer.confirm({
      title: `Complete booking #${booking.id}?`,
      message: `${describe(booking)}: it is marked as attended and can no longer be cancelled.`,
      confirmLabel: 'Complete booking',
      cancelLabel: 'Not yet',
    });
    if (ok) await this.act(booking, () => this.api.call(bookingsComplete, { id: booking.id }), 'Booking completed');
  }

  private async act(booking: BookingDto, call: () => Promise<BookingDto>, done: string): Promise<void> {
    this.busyId.set(booking.id);
    try {
      const updated = await call();
      // A single booking's answer does not name the customer: keep the one the list showed.
      this.list.updateRows((row) => (row.id === updated.id ? { ...updated, customer: row.customer } : row));
      this.snackBar.open(done, 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
    } finally {
      this.busyId.set(null);
    }
  }

  private async loadServices(): Promise<void> {
    try {
      const page = await this.api.call(servicesList, { page: 1, limit: 100, sort: 'name' });
      this.services.set(page.data.map(({ id, name }) => ({ value: String(id), label: name })));
    } catch {
      // The other filters still work; a service filter from the URL still applies.
    }
  }
}

/** `Opera gala on 2026-03-01, 2 places (Ada Lovelace)` */
function describe(booking: BookingDto): string {
  const who = booking.customer ? ` (${booking.customer.name})` : '';
  return `${booking.service.name} on ${booking.bookingDate}, ${plural(booking.quantity, 'place')}${who}`;
}
