import { BOOKING_STATUSES, type BookingStatus } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/dto/pagination.dto.js';

export class BookingServiceRefDto {
  id!: number;
  name!: string;
}

/** The customer who booked, shown to staff with `bookings:read:any`. */
export class BookingCustomerDto {
  id!: number;
  name!: string;
  email!: string;
}

/** One ticket line of a booking; name and price as they were when it was booked. */
export class BookingTicketDto {
  ticketTypeId!: number;
  name!: string;
  unitPriceCents!: number;
  quantity!: number;
}

export class BookingDto {
  id!: number;
  userId!: number;
  serviceId!: number;
  service!: BookingServiceRefDto;
  sessionId!: number;
  /** What the customer quotes: 8 characters without look-alikes (no 0/O, 1/I/L). */
  reference!: string;
  /** When the session starts (an all-day session: the venue's local midnight of `bookingDate`). */
  startsAt!: Date;
  allDay!: boolean;
  /** In lists read with `bookings:read:any` only. */
  customer?: BookingCustomerDto;
  /** YYYY-MM-DD, a calendar day in the venue's time zone. */
  bookingDate!: string;
  /** Places: the sum of the ticket lines. */
  quantity!: number;
  /** The price of one place (when the lines differ: their average, rounded). */
  unitPriceCents!: number;
  totalCents!: number;
  currency!: string;
  @ApiProperty({ enum: BOOKING_STATUSES })
  status!: BookingStatus;
  tickets!: BookingTicketDto[];
  notes!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  cancelledAt!: Date | null;
}

export class BookingPageDto {
  data!: BookingDto[];
  meta!: PageMetaDto;
}
