import { ApiInteger } from '../../../common/dto/api-integer.js';

export class ScheduleDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /** @example 7 */
  @ApiInteger()
  serviceId!: number;
  /**
   * ISO weekdays, 1 Monday … 7 Sunday, ascending.
   * @example [1,3,5]
   */
  @ApiInteger({ isArray: true })
  weekdays!: number[];
  /**
   * Local `HH:MM` start times in `VENUE_TIMEZONE`, in clock order.
   * @example ["10:00","14:00"]
   */
  times!: string[];
  /**
   * YYYY-MM-DD
   * @example "2026-12-01"
   */
  startsOn!: string;
  /**
   * YYYY-MM-DD, inclusive; null: no end.
   * @example "2027-03-31"
   */
  endsOn!: string | null;
  /**
   * Places per session; null: the service's capacity.
   * @example 6
   */
  @ApiInteger({ nullable: true })
  capacity!: number | null;
  /** @example "2026-11-20T09:15:00.000Z" */
  createdAt!: Date;
  /** @example "2026-11-21T10:00:00.000Z" */
  updatedAt!: Date;
}

/** A session left as it was because it has bookings. */
export class KeptSessionDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /** @example "2026-12-24T18:30:00.000Z" */
  startsAt!: Date;
  /**
   * YYYY-MM-DD in `VENUE_TIMEZONE`.
   * @example "2026-12-24"
   */
  localDate!: string;
  /**
   * HH:MM in `VENUE_TIMEZONE`.
   * @example "19:30"
   */
  localTime!: string;
  /** @example 4 */
  @ApiInteger()
  booked!: number;
}

export class ScheduleCreatedDto {
  schedule!: ScheduleDto;
  /**
   * Sessions the schedule made over the booking horizon.
   * @example 52
   */
  @ApiInteger()
  created!: number;
  /** Sessions at the schedule's times that already had bookings and stay as they are. */
  kept!: KeptSessionDto[];
}

export class ScheduleChangedDto {
  schedule!: ScheduleDto;
  /**
   * Sessions made for the changed pattern over the booking horizon.
   * @example 52
   */
  @ApiInteger()
  created!: number;
  /**
   * Future sessions without bookings that the change took away.
   * @example 4
   */
  @ApiInteger()
  removed!: number;
  /** Future sessions of the schedule with bookings: they stay as they are. */
  kept!: KeptSessionDto[];
}
