import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { Optional } from '../../../common/validation/optional.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

/** An ISO 8601 date and time with its offset: `2026-12-24T19:30:00+01:00` or `…Z`. */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export class CreateSessionDto {
  /** When it starts: ISO 8601 with an offset (`2026-12-24T19:30:00+01:00`). */
  @ApiProperty({ format: 'date-time', maxLength: 29, example: '2026-12-24T19:30:00+01:00' })
  @IsString()
  @Matches(WITH_OFFSET, { message: 'startsAt must be an ISO 8601 date and time with an offset, such as 2026-12-24T19:30:00+01:00' })
  startsAt!: string;

  /**
   * Places (default: the service's capacity).
   * @example 6
   */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  @ApiInteger({ required: false })
  capacity?: number;
}

export class UpdateSessionDto {
  /**
   * Places; not below those already booked (409).
   * @example 6
   */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  @ApiInteger({ required: false })
  capacity?: number;

  /** `cancelled` cancels the session and every confirmed booking on it, releasing their places. */
  @ApiProperty({ enum: ['cancelled'], required: false })
  @Optional()
  @IsIn(['cancelled'])
  status?: 'cancelled';
}
