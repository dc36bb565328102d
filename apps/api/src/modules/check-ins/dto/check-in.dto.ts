import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../../../common/dto/api-integer.js';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ProblemDto } from '../../../common/dto/problem.dto.js';
import { IsId } from '../../../common/validation/id.js';
import { Optional } from '../../../common/validation/optional.js';
import { BookingDto } from '../../bookings/dto/booking.dto.js';

export class CreateCheckInDto {
  /**
   * The ticket code, as scanned from the QR e-ticket (GET /api/bookings/{id}/ticket). Give it or `reference`.
   * @example "CzBVep_E6Q4zWH2ix-wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW-yBFao-02f4jSG2St9wBJktwlbrfBClOc5g"
   */
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  code?: string;

  /**
   * The booking's reference, typed at the door when the code cannot be scanned. Give it or `code`.
   * @example "K7M3Q9TX"
   */
  @Optional()
  @IsString()
  @Matches(/^[A-Za-z0-9]{8}$/, { message: 'reference must be the 8 letters and digits of a booking reference' })
  @ApiProperty({ minLength: 8, maxLength: 8, pattern: '^[A-Za-z0-9]{8}$' })
  reference?: string;

  /**
   * The session being checked in at this door: a ticket for another one answers 409 `wrong-session`.
   * @example 7
   */
  @Optional()
  @IsId()
  sessionId?: number;
}

/** A ticket admitted at the door. */
export class CheckInDto {
  /** The booking, with its customer. */
  booking!: BookingDto;
  /** @example "2026-12-24T18:21:07.000Z" */
  checkedInAt!: Date;
  /**
   * How many people the ticket admits: the booking's places.
   * @example 3
   */
  @ApiInteger({ minimum: 1 })
  admitted!: number;
}

/** Who checked a ticket in. */
export class CheckedInByDto {
  /** @example 5 */
  @ApiInteger()
  id!: number;
  /** @example "Sam Door" */
  name!: string;
}

/** A refused check-in; `already-checked-in` also says when and by whom the ticket was first checked in. */
export class CheckInProblemDto extends ProblemDto {
  /** @example "2026-12-24T18:21:07.000Z" */
  @ApiProperty({ type: String, format: 'date-time', required: false })
  checkedInAt?: Date;
  checkedInBy?: CheckedInByDto;
}

/** A session's door count, in places: those booked (confirmed or completed) and those checked in. */
export class CheckInCountDto {
  /** @example 40 */
  @ApiInteger()
  expected!: number;
  /** @example 12 */
  @ApiInteger()
  checkedIn!: number;
}
