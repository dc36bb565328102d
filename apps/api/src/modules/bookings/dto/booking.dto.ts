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

export class BookingDto {
  id!: number;
  userId!: number;
  serviceId!: number;
  service!: BookingServiceRefDto;
  /** In lists read with `bookings:read:any` only. */
  customer?: BookingCustomerDto;
  /** YYYY-MM-DD, a calendar day in the venue's time zone. */
  bookingDate!: string;
  quantity!: number;
  unitPriceCents!: number;
  totalCents!: number;
  currency!: string;
  @ApiProperty({ enum: BOOKING_STATUSES })
  status!: BookingStatus;
  notes!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  cancelledAt!: Date | null;
}

export class BookingPageDto {
  data!: BookingDto[];
  meta!: PageMetaDto;
}
