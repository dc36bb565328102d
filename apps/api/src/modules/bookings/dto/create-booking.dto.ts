import { BOOKING_LIMITS } from '@marquee/contracts';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsId } from '../../../common/validation/id.js';
import { IsIsoDate } from '../../../common/validation/iso-date.js';
import { IsPrintableText } from '../../../common/validation/printable-text.js';

export class CreateBookingDto {
  @IsId()
  serviceId!: number;

  /** YYYY-MM-DD: today or later, at most 365 days ahead. */
  @IsIsoDate()
  bookingDate!: string;

  /** Places, 1–10. */
  @IsInt()
  @Min(BOOKING_LIMITS.minQuantity)
  @Max(BOOKING_LIMITS.maxQuantity)
  quantity!: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsPrintableText({ multiline: true })
  notes?: string | null;
}
