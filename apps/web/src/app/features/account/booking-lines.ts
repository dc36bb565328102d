import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { localParts } from '@marquee/contracts';
import type { BookingDto } from '@marquee/contracts/client';
import { formatDay } from '../../shared/dates';
import { MoneyPipe } from '../../shared/money.pipe';

/** When a booking is for, on the venue's clock: its day, and its session's start time or "All day". */
export function bookingWhen(
  booking: Pick<BookingDto, 'bookingDate' | 'startsAt' | 'allDay'>,
  timeZone: string,
): { day: string; time: string } {
  return { day: formatDay(booking.bookingDate), time: booking.allDay ? 'All day' : localParts(new Date(booking.startsAt), timeZone).time };
}

/** A booking's ticket lines: "Adult × 2", each with its unit price. */
@Component({
  selector: 'mq-booking-lines',
  imports: [MoneyPipe],
  template: `<ul class="lines">
    @for (line of booking().tickets; track line.ticketTypeId) {
      <li data-testid="ticket-line">
        {{ line.name }} × {{ line.quantity }} <span class="unit">at {{ line.unitPriceCents | money: booking().currency }}</span>
      </li>
    }
  </ul>`,
  styles: `
    .lines {
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .unit {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingLines {
  readonly booking = input.required<Pick<BookingDto, 'tickets' | 'currency'>>();
}
