import { FormControl, FormGroup, Validators, type ValidatorFn } from '@angular/forms';
import { BOOKING_LIMITS } from '@marquee/contracts';
import type { AvailabilityDayDto } from '@marquee/contracts/client';

export type BookingForm = FormGroup<{
  bookingDate: FormControl<string>;
  quantity: FormControl<number>;
  notes: FormControl<string>;
}>;

export function createBookingForm(): BookingForm {
  return new FormGroup({
    bookingDate: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    quantity: new FormControl<number>(1, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(BOOKING_LIMITS.minQuantity), Validators.max(BOOKING_LIMITS.maxQuantity)],
    }),
    notes: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
  });
}

/** The form is invalid when the chosen day has fewer places left than asked for. */
export function fitsAvailability(days: () => readonly AvailabilityDayDto[]): ValidatorFn {
  return (control) => {
    const { bookingDate, quantity } = control.value as { bookingDate?: string; quantity?: number };
    // A quantity outside the limits has its own message; one message at a time.
    if (!bookingDate || !validQuantity(quantity)) return null;
    const day = days().find((candidate) => candidate.date === bookingDate);
    if (!day) return null;
    if (day.remaining <= 0) return { soldOut: true };
    return quantity > day.remaining ? { notEnoughPlaces: { remaining: day.remaining } } : null;
  };
}

/** Whether `value` is a number of places one booking may take (1–10). */
export function validQuantity(value: unknown): value is number {
  const quantity = Number(value);
  return Number.isInteger(quantity) && quantity >= BOOKING_LIMITS.minQuantity && quantity <= BOOKING_LIMITS.maxQuantity;
}

/** The day and places a link carried (`?date=&places=`), when they still fit the days on offer. */
export function carriedChoice(
  days: readonly AvailabilityDayDto[],
  date: string | undefined,
  places: string | undefined,
): { bookingDate?: string; quantity?: number } {
  const choice: { bookingDate?: string; quantity?: number } = {};
  if (date && days.some((day) => day.date === date && day.remaining > 0)) choice.bookingDate = date;
  if (places !== undefined && /^\d+$/.test(places) && validQuantity(places)) choice.quantity = Number(places);
  return choice;
}

// Made once, on first use: toLocaleDateString builds a formatter on every call, for each of the strip's 30 days.
let stripFormats: { weekday: Intl.DateTimeFormat; month: Intl.DateTimeFormat } | undefined;

/** A short label for a day of the strip: "Mon 3". */
export function dayLabel(isoDate: string): { weekday: string; day: string; month: string } {
  stripFormats ??= {
    weekday: new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }),
    month: new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }),
  };
  const date = new Date(`${isoDate}T00:00:00Z`);
  return { weekday: stripFormats.weekday.format(date), day: String(date.getUTCDate()), month: stripFormats.month.format(date) };
}
