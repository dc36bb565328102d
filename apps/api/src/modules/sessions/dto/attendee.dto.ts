import { BOOKING_STATUSES, type BookingStatus } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiInteger } from '../../../common/dto/api-integer.js';

export const ATTENDEE_FORMATS = ['json', 'csv'] as const;

export class ListAttendeesQuery {
  /** `csv`: a spreadsheet download (text/csv, one row per booking) instead of JSON. */
  @ApiProperty({ enum: ATTENDEE_FORMATS, required: false, default: 'json' })
  @IsOptional()
  @IsIn(ATTENDEE_FORMATS)
  format?: (typeof ATTENDEE_FORMATS)[number];
}

export class AttendeeCustomerDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /** @example "Ada Lovelace" */
  name!: string;
  /** @example "ada@example.com" */
  email!: string;
}

export class AttendeeTicketDto {
  /** @example 11 */
  @ApiInteger()
  ticketTypeId!: number;
  /**
   * The ticket type's name when booked.
   * @example "Adult"
   */
  name!: string;
  /** @example 2500 */
  @ApiInteger()
  unitPriceCents!: number;
  /** @example 2 */
  @ApiInteger()
  quantity!: number;
}

/** One booking of a session, as the door staff see it. */
export class AttendeeDto {
  /** @example 42 */
  @ApiInteger()
  bookingId!: number;
  /** @example "K7M3Q9TX" */
  reference!: string;
  @ApiProperty({ enum: BOOKING_STATUSES })
  status!: BookingStatus;
  customer!: AttendeeCustomerDto;
  tickets!: AttendeeTicketDto[];
  /**
   * Places: the sum of the tickets' quantities.
   * @example 2
   */
  @ApiInteger()
  quantity!: number;
  /**
   * When the booking was checked in at the door; null: not (yet).
   * @example "2026-12-24T18:20:00.000Z"
   */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  checkedInAt!: Date | null;
  /** @example "2026-11-20T09:15:00.000Z" */
  createdAt!: Date;
}
