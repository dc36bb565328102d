export class ScheduleDto {
  id!: number;
  serviceId!: number;
  /** ISO weekdays, 1 Monday … 7 Sunday, ascending. */
  weekdays!: number[];
  /** Local `HH:MM` start times in `VENUE_TIMEZONE`, in clock order. */
  times!: string[];
  /** YYYY-MM-DD */
  startsOn!: string;
  /** YYYY-MM-DD, inclusive; null: no end. */
  endsOn!: string | null;
  /** Places per session; null: the service's capacity. */
  capacity!: number | null;
  createdAt!: Date;
  updatedAt!: Date;
}

/** A session left as it was because it has bookings. */
export class KeptSessionDto {
  id!: number;
  startsAt!: Date;
  /** YYYY-MM-DD in `VENUE_TIMEZONE`. */
  localDate!: string;
  /** HH:MM in `VENUE_TIMEZONE`. */
  localTime!: string;
  booked!: number;
}

export class ScheduleCreatedDto {
  schedule!: ScheduleDto;
  /** Sessions the schedule made over the booking horizon. */
  created!: number;
  /** Sessions at the schedule's times that already had bookings and stay as they are. */
  kept!: KeptSessionDto[];
}

export class ScheduleChangedDto {
  schedule!: ScheduleDto;
  /** Sessions made for the changed pattern over the booking horizon. */
  created!: number;
  /** Future sessions without bookings that the change took away. */
  removed!: number;
  /** Future sessions of the schedule with bookings: they stay as they are. */
  kept!: KeptSessionDto[];
}
