import { SESSION_STATUSES, type SessionStatus } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../../../common/dto/api-integer.js';

export class SessionDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /** @example 7 */
  @ApiInteger()
  serviceId!: number;
  /**
   * The schedule that made it; null for a one-off or an all-day session.
   * @example 3
   */
  @ApiInteger({ nullable: true })
  scheduleId!: number | null;
  /** @example "2026-12-24T18:30:00.000Z" */
  startsAt!: Date;
  /** @example "2026-12-24T20:00:00.000Z" */
  endsAt!: Date;
  /**
   * YYYY-MM-DD in the venue's time zone.
   * @example "2026-12-24"
   */
  localDate!: string;
  /**
   * HH:MM in the venue's time zone (00:00 for an all-day session).
   * @example "19:30"
   */
  localTime!: string;
  /** @example false */
  allDay!: boolean;
  /** @example 6 */
  @ApiInteger()
  capacity!: number;
  /** @example 4 */
  @ApiInteger()
  booked!: number;
  /**
   * Places left (0 once cancelled).
   * @example 2
   */
  @ApiInteger()
  remaining!: number;
  @ApiProperty({ enum: SESSION_STATUSES })
  status!: SessionStatus;
}
