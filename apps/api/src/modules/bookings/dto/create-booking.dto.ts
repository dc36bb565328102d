import { ApiPropertyOptional } from '@nestjs/swagger';
import { BOOKING_LIMITS } from '@marquee/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsId } from '../../../common/validation/id.js';
import { IsIsoDate } from '../../../common/validation/iso-date.js';
import { Optional } from '../../../common/validation/optional.js';
import { IsPrintableText } from '../../../common/validation/printable-text.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

/** One ticket line: how many tickets of a type. */
export class TicketLineDto {
  /** @example 11 */
  @IsId()
  ticketTypeId!: number;

  /**
   * 1–10 (a booking holds at most 10 places in all).
   * @example 2
   */
  @IsInt()
  @Min(BOOKING_LIMITS.minQuantity)
  @Max(BOOKING_LIMITS.maxQuantity)
  @ApiInteger()
  quantity!: number;
}

/**
 * A booking names a session (`sessionId`), or an all-day service's date (`serviceId` + `bookingDate`);
 * its places are `tickets` by type, or a `quantity` of the service's default type.
 */
export class CreateBookingDto {
  /**
   * A session of the service (required for services with timed sessions).
   * @example 42
   */
  @Optional()
  @IsId()
  sessionId?: number;

  /**
   * With `bookingDate`, for a service without timed sessions.
   * @example 7
   */
  @ValidateIf((dto: CreateBookingDto, value) => dto.sessionId === undefined || value !== undefined)
  @IsId()
  serviceId?: number;

  /**
   * YYYY-MM-DD: today or later, at most 365 days ahead (with `serviceId`, not with `sessionId`).
   * @example "2026-12-24"
   */
  @ValidateIf((dto: CreateBookingDto, value) => dto.sessionId === undefined || value !== undefined)
  @IsIsoDate()
  bookingDate?: string;

  /**
   * Places of the default ticket type, 1–10 (instead of `tickets`).
   * @example 2
   */
  @ValidateIf((dto: CreateBookingDto, value) => dto.tickets === undefined || value !== undefined)
  @IsInt()
  @Min(BOOKING_LIMITS.minQuantity)
  @Max(BOOKING_LIMITS.maxQuantity)
  @ApiInteger({ required: false })
  quantity?: number;

  /** Ticket lines, one per type (instead of `quantity`); 1–10 places in all. */
  @ApiPropertyOptional({ type: [TicketLineDto], minItems: 1, maxItems: BOOKING_LIMITS.maxQuantity })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BOOKING_LIMITS.maxQuantity)
  @ValidateNested({ each: true })
  @Type(() => TicketLineDto)
  tickets?: TicketLineDto[];

  /** @example "One wheelchair place, please" */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsPrintableText({ multiline: true })
  notes?: string | null;
}
