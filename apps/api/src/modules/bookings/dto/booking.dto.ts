import { BOOKING_STATUSES, type BookingStatus } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/dto/pagination.dto.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

export class BookingServiceRefDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /** @example "Escape room: The Vault" */
  name!: string;
}

/** The customer who booked, shown to staff with `bookings:read:any`. */
export class BookingCustomerDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /** @example "Ada Lovelace" */
  name!: string;
  /** @example "ada@example.com" */
  email!: string;
}

/** One ticket line of a booking; name and price as they were when it was booked. */
export class BookingTicketDto {
  /** @example 11 */
  @ApiInteger()
  ticketTypeId!: number;
  /** @example "Adult" */
  name!: string;
  /** @example 2500 */
  @ApiInteger()
  unitPriceCents!: number;
  /** @example 2 */
  @ApiInteger()
  quantity!: number;
}

export class BookingDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /** @example 42 */
  @ApiInteger()
  userId!: number;
  /** @example 7 */
  @ApiInteger()
  serviceId!: number;
  service!: BookingServiceRefDto;
  /** @example 42 */
  @ApiInteger()
  sessionId!: number;
  /**
   * What the customer quotes: 8 characters without look-alikes (no 0/O, 1/I/L).
   * @example "K7M3Q9TX"
   */
  reference!: string;
  /**
   * When the session starts (an all-day session: the venue's local midnight of `bookingDate`).
   * @example "2026-12-24T18:30:00.000Z"
   */
  startsAt!: Date;
  /** @example false */
  allDay!: boolean;
  /** In lists read with `bookings:read:any` only. */
  customer?: BookingCustomerDto;
  /**
   * YYYY-MM-DD, a calendar day in the venue's time zone.
   * @example "2026-12-24"
   */
  bookingDate!: string;
  /**
   * Places: the sum of the ticket lines.
   * @example 2
   */
  @ApiInteger()
  quantity!: number;
  /**
   * The price of one place (when the lines differ: their average, rounded).
   * @example 2500
   */
  @ApiInteger()
  unitPriceCents!: number;
  /** @example 5000 */
  @ApiInteger()
  totalCents!: number;
  /** @example "EUR" */
  currency!: string;
  @ApiProperty({ enum: BOOKING_STATUSES })
  status!: BookingStatus;
  tickets!: BookingTicketDto[];
  /** @example "One wheelchair place, please" */
  notes!: string | null;
  /** @example "2026-11-20T09:15:00.000Z" */
  createdAt!: Date;
  /** @example "2026-11-21T10:00:00.000Z" */
  updatedAt!: Date;
  /** Null until the booking is cancelled. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  cancelledAt!: Date | null;
}

export class BookingPageDto {
  data!: BookingDto[];
  meta!: PageMetaDto;
}
