import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import type { BookingDto } from '@marquee/contracts/client';
import { bookingsCancel, bookingsList } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../core/api/api-client';
import { errorMessage } from '../../core/api/problem';
import { Confirmer } from '../../shared/confirm-dialog';
import { MoneyPipe } from '../../shared/money.pipe';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { Venue } from '../../core/venue/venue';
import { formatDay } from '../../shared/dates';
import { BookingLines, bookingWhen } from './booking-lines';
import { ETicket } from './e-ticket';

/** The signed-in user's bookings: upcoming and past, with cancel for upcoming confirmed ones. */
@Component({
  selector: 'mq-my-bookings-page',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    MatButtonModule,
    MatTabsModule,
    MoneyPipe,
    BookingLines,
    ETicket,
    LoadingState,
    EmptyState,
    ErrorState,
  ],
  templateUrl: './my-bookings.page.html',
  styleUrl: './my-bookings.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyBookingsPage {
  private readonly api = inject(ApiClient);
  private readonly confirmer = inject(Confirmer);
  private readonly snackBar = inject(MatSnackBar);
  private readonly venue = inject(Venue);

  protected readonly bookings = signal<BookingDto[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busyId = signal<number | null>(null);
  /** The booking whose e-ticket is open (one at a time). */
  protected readonly ticketShown = signal<number | null>(null);

  /** Today at the venue: booking dates are the venue's calendar days. */
  private readonly today = signal('');
  /** Dated today or later (a cancelled one stays listed, marked cancelled). */
  protected readonly upcoming = computed(() =>
    (this.bookings() ?? []).filter((b) => b.bookingDate >= this.today()).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
  );
  /** What the Upcoming tab counts: the bookings still to come. */
  protected readonly upcomingCount = computed(() => this.upcoming().filter((b) => b.status === 'confirmed').length);
  protected readonly past = computed(() =>
    (this.bookings() ?? []).filter((b) => b.bookingDate < this.today()).sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
  );

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      const [page, today] = await Promise.all([
        this.api.call(bookingsList, { page: 1, limit: 100, sort: '-bookingDate' }),
        this.venue.today(),
      ]);
      this.today.set(today);
      this.bookings.set(page.data);
    } catch (error) {
      this.error.set(errorMessage(error, 'Your bookings could not be loaded.'));
    }
  }

  protected bookingWhen(booking: BookingDto): { day: string; time: string } {
    return bookingWhen(booking, this.venue.timeZone());
  }

  protected canCancel(booking: BookingDto): boolean {
    return booking.status === 'confirmed' && booking.bookingDate >= this.today();
  }

  protected async cancel(booking: BookingDto): Promise<void> {
    const confirmed = await this.confirmer.confirm({
      title: 'Cancel this booking?',
      message: `${booking.service.name} on ${formatDay(booking.bookingDate)}, ${booking.quantity} ${booking.quantity === 1 ? 'place' : 'places'}. The places are released for others.`,
      confirmLabel: 'Cancel booking',
    });
    if (!confirmed) return;
    this.busyId.set(booking.id);
    try {
      const updated = await this.api.call(bookingsCancel, { id: booking.id });
      this.bookings.update((list) => (list ?? []).map((b) => (b.id === updated.id ? updated : b)));
      this.snackBar.open('Booking cancelled', 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error, 'The booking could not be cancelled.'), 'OK', { duration: 6000 });
    } finally {
      this.busyId.set(null);
    }
  }

  protected toggleTicket(id: number): void {
    this.ticketShown.update((shown) => (shown === id ? null : id));
  }
}
