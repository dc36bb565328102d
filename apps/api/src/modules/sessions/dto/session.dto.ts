import { SESSION_STATUSES, type SessionStatus } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class SessionDto {
  id!: number;
  serviceId!: number;
  /** The schedule that made it; null for a one-off or an all-day session. */
  scheduleId!: number | null;
  startsAt!: Date;
  endsAt!: Date;
  /** YYYY-MM-DD in the venue's time zone. */
  localDate!: string;
  /** HH:MM in the venue's time zone (00:00 for an all-day session). */
  localTime!: string;
  allDay!: boolean;
  capacity!: number;
  booked!: number;
  /** Places left (0 once cancelled). */
  remaining!: number;
  @ApiProperty({ enum: SESSION_STATUSES })
  status!: SessionStatus;
}
