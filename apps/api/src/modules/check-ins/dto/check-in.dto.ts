import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ProblemDto } from '../../../common/dto/problem.dto.js';
import { IsId } from '../../../common/validation/id.js';
import { Optional } from '../../../common/validation/optional.js';
import { BookingDto } from '../../bookings/dto/booking.dto.js';

export class CreateCheckInDto {
  /** The ticket code, as scanned from the QR e-ticket (GET /api/bookings/{id}/ticket). */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  code!: string;

  /** The session being checked in at this door: a ticket for another one answers 409 `wrong-session`. */
  @Optional()
  @IsId()
  sessionId?: number;
}

/** A ticket admitted at the door. */
export class CheckInDto {
  /** The booking, with its customer. */
  booking!: BookingDto;
  checkedInAt!: Date;
  /** How many people the ticket admits: the booking's places. */
  admitted!: number;
}

/** Who checked a ticket in. */
export class CheckedInByDto {
  id!: number;
  name!: string;
}

/** A refused check-in; `already-checked-in` also says when and by whom the ticket was first checked in. */
export class CheckInProblemDto extends ProblemDto {
  @ApiProperty({ type: String, format: 'date-time', required: false })
  checkedInAt?: Date;
  checkedInBy?: CheckedInByDto;
}

/** A session's door count, in places: those booked (confirmed or completed) and those checked in. */
export class CheckInCountDto {
  expected!: number;
  checkedIn!: number;
}
