import { BOOKING_STATUSES, type BookingStatus } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const ATTENDEE_FORMATS = ['json', 'csv'] as const;

export class ListAttendeesQuery {
  /** `csv`: a spreadsheet download (text/csv, one row per booking) instead of JSON. */
  @ApiProperty({ enum: ATTENDEE_FORMATS, required: false, default: 'json' })
  @IsOptional()
  @IsIn(ATTENDEE_FORMATS)
  format?: (typeof ATTENDEE_FORMATS)[number];
}

export class AttendeeCustomerDto {
  id!: number;
  name!: string;
  email!: string;
}

export class AttendeeTicketDto {
  ticketTypeId!: number;
  /** The ticket type's name when booked. */
  name!: string;
  unitPriceCents!: number;
  quantity!: number;
}

/** One booking of a session, as the door staff see it. */
export class AttendeeDto {
  bookingId!: number;
  reference!: string;
  @ApiProperty({ enum: BOOKING_STATUSES })
  status!: BookingStatus;
  customer!: AttendeeCustomerDto;
  tickets!: AttendeeTicketDto[];
  /** Places: the sum of the tickets' quantities. */
  quantity!: number;
  /** When the booking was checked in at the door; null: not (yet). */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  checkedInAt!: Date | null;
  createdAt!: Date;
}
