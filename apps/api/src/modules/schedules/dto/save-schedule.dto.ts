import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsIsoDate } from '../../../common/validation/iso-date.js';
import { Optional } from '../../../common/validation/optional.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

/** `HH:MM` on a 24-hour clock, 00:00–23:59. */
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** At most this many start times a day (they are stored as one `HH:MM,…` list of 500 characters). */
export const MAX_SCHEDULE_TIMES = 48;

export class CreateScheduleDto {
  /** ISO weekdays the sessions run on: 1 Monday … 7 Sunday; each once. */
  @ApiInteger({ isArray: true, minItems: 1, maxItems: 7, uniqueItems: true, example: [1, 3, 5] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays!: number[];

  /** Local start times (`VENUE_TIMEZONE`), `HH:MM` on a 24-hour clock; each once. */
  @ApiProperty({
    type: 'array',
    items: { type: 'string', pattern: LOCAL_TIME.source, minLength: 5, maxLength: 5 },
    minItems: 1,
    maxItems: MAX_SCHEDULE_TIMES,
    uniqueItems: true,
    example: ['10:00', '14:00'],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_SCHEDULE_TIMES)
  @ArrayUnique()
  @Matches(LOCAL_TIME, { each: true, message: 'times must be HH:MM on a 24-hour clock (00:00–23:59)' })
  times!: string[];

  /**
   * The first date with sessions.
   * @example "2026-12-01"
   */
  @IsIsoDate()
  startsOn!: string;

  /**
   * The last date with sessions (inclusive); null or left out: no end.
   * @example "2027-03-31"
   */
  @ApiProperty({ type: String, format: 'date', nullable: true, required: false })
  @IsOptional()
  @IsIsoDate()
  endsOn?: string | null;

  /**
   * Places per session; null or left out: the service's capacity.
   * @example 6
   */
  @ApiInteger({ nullable: true, required: false, minimum: 1, maximum: 100_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number | null;
}

/** Changes some fields of a schedule; `startsOn` cannot be null. */
export class UpdateScheduleDto extends PartialType(CreateScheduleDto, { skipNullProperties: false }) {
  /** @example "2026-12-01" */
  @IsIsoDate()
  @Optional()
  declare startsOn?: string;
}
