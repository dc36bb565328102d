import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { BookingDto } from '@marquee/contracts/client';
import { bookingsGet } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../core/api/api-client';
import { errorMessage, httpStatus } from '../../core/api/problem';
import { Venue } from '../../core/venue/venue';
import { formatMoment } from '../../shared/dates';
import { MoneyPipe } from '../../shared/money.pipe';
import { ErrorState, LoadingState } from '../../shared/states';
import { BookingLines, bookingWhen } from './booking-lines';
import { ETicket } from './e-ticket';

/** What was just booked: the service, its day and time, the reference, the tickets and total, notes and when it was booked. */
@Component({
  selector: 'mq-booking-confirmation-page',
  imports: [RouterLink, MatButtonModule, MoneyPipe, BookingLines, ETicket, LoadingState, ErrorState],
  templateUrl: './booking-confirmation.page.html',
  styleUrl: './booking-confirmation.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingConfirmationPage {
  private readonly api = inject(ApiClient);
  private readonly venue = inject(Venue);

  /** The route parameter. */
  readonly id = input.required<string>();

  protected readonly booking = signal<BookingDto | null>(null);
  protected readonly notFound = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly when = computed(() => {
    const booking = this.booking();
    return booking ? bookingWhen(booking, this.venue.timeZone()) : null;
  });
  protected readonly bookedAt = computed(() => {
    const booking = this.booking();
    return booking ? formatMoment(booking.createdAt, this.venue.timeZone()) : '';
  });

  constructor() {
    effect(() => {
      const id = Number(this.id());
      untracked(() => void this.load(id));
    });
  }

  protected retry(): void {
    void this.load(Number(this.id()));
  }

  private async load(id: number): Promise<void> {
    this.error.set(null);
    this.notFound.set(false);
    try {
      const [booking] = await Promise.all([this.api.call(bookingsGet, { id }), this.venue.load().catch(() => null)]);
      this.booking.set(booking);
    } catch (error) {
      if (httpStatus(error) === 404 || httpStatus(error) === 400) this.notFound.set(true);
      else this.error.set(errorMessage(error, 'This booking could not be loaded.'));
    }
  }
}
