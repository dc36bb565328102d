import { FormControl, FormGroup, FormRecord, Validators, type ValidatorFn } from '@angular/forms';
import { BOOKING_LIMITS } from '@marquee/contracts';
import { plural } from '../../shared/plural';
import type { AvailabilityDayDto, CreateBookingDto, SessionDto, TicketTypeDto } from '@marquee/contracts/client';

export type BookingForm = FormGroup<{
  bookingDate: FormControl<string>;
  /** The chosen time, for a service with timed sessions (disabled for an all-day one). */
  sessionId: FormControl<number | null>;
  /** Places of the service's one ticket type (disabled when it sells several). */
  quantity: FormControl<number>;
  /** Tickets per type id, when the service sells several types (disabled otherwise). */
  tickets: FormRecord<FormControl<number | null>>;
  notes: FormControl<string>;
}>;

/** The form's value: a disabled control (the time of an all-day service, the unused way of counting places) is absent. */
export type BookingValue = BookingForm['value'];

/** A form for a service without timed sessions that sells one type (a day and places), until `offerChoices` says otherwise. */
export function createBookingForm(): BookingForm {
  const tickets = new FormRecord<FormControl<number | null>>({}, { validators: [ticketsWithinLimits] });
  tickets.disable();
  return new FormGroup({
    bookingDate: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    sessionId: new FormControl<number | null>({ value: null, disabled: true }, { validators: [Validators.required] }),
    quantity: new FormControl<number>(1, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(BOOKING_LIMITS.minQuantity), Validators.max(BOOKING_LIMITS.maxQuantity)],
    }),
    tickets,
    notes: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
  });
}

/**
 * Shapes the form for what the service sells: a time to choose when it has timed sessions, and a
 * number of tickets per type when it sells several types (otherwise a number of places, as before).
 */
export function offerChoices(form: BookingForm, timed: boolean, types: readonly TicketTypeDto[]): void {
  const { sessionId, quantity, tickets } = form.controls;
  if (timed) sessionId.enable({ emitEvent: false });
  else sessionId.disable({ emitEvent: false });
  for (const id of Object.keys(tickets.controls)) tickets.removeControl(id, { emitEvent: false });
  if (types.length > 1) {
    for (const type of types)
      tickets.addControl(String(type.id), new FormControl<number | null>(0, [validTicketCount]), { emitEvent: false });
    tickets.enable({ emitEvent: false });
    quantity.disable({ emitEvent: false });
  } else {
    tickets.disable({ emitEvent: false });
    quantity.enable({ emitEvent: false });
  }
  form.updateValueAndValidity();
}

/** A number of tickets of one type: a whole number from 0 to 10 (an empty field counts as 0). */
function ticketCountOk(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  const count = Number(value);
  return Number.isInteger(count) && count >= 0 && count <= BOOKING_LIMITS.maxQuantity;
}

const validTicketCount: ValidatorFn = (control) => (ticketCountOk(control.value) ? null : { ticketCount: true });

/** At least one ticket and at most 10 in all; a wrong count of one type has its own message first. */
const ticketsWithinLimits: ValidatorFn = (control) => {
  if (control.disabled || Object.values((control as FormRecord).controls).some((type) => type.invalid)) return null;
  const total = sumTickets(control.value as Record<string, number | null>);
  if (total < BOOKING_LIMITS.minQuantity) return { noTickets: true };
  return total > BOOKING_LIMITS.maxQuantity ? { tooManyTickets: { max: BOOKING_LIMITS.maxQuantity } } : null;
};

function sumTickets(tickets: Partial<Record<string, number | null>>): number {
  return Object.values(tickets).reduce<number>((sum, count) => sum + (Number(count) || 0), 0);
}

/** The places a choice asks for (tickets of every type, or the one number), or null when that is not a number one booking may take. */
export function placesOf(value: BookingValue): number | null {
  if (value.tickets) {
    if (!Object.values(value.tickets).every(ticketCountOk)) return null;
    const total = sumTickets(value.tickets);
    return validQuantity(total) ? total : null;
  }
  return validQuantity(value.quantity) ? value.quantity : null;
}

/** What the choice costs in minor units: each type's price times its tickets (or the service's price per place); null when the places are wrong. */
export function bookingTotal(value: BookingValue, types: readonly TicketTypeDto[], pricePerPlace: number): number | null {
  const places = placesOf(value);
  if (places === null) return null;
  const tickets = value.tickets;
  if (!tickets) return pricePerPlace * places;
  return types.reduce((sum, type) => sum + type.priceCents * (Number(tickets[String(type.id)]) || 0), 0);
}

/** The form is invalid when the chosen day (or, for a timed service, the chosen time) has fewer places left than asked for. */
export function fitsAvailability(days: () => readonly AvailabilityDayDto[], sessions: () => readonly SessionDto[]): ValidatorFn {
  return (control) => {
    const value = control.value as BookingValue;
    // A number of places outside the limits has its own message; one message at a time.
    const places = placesOf(value);
    if (!value.bookingDate || places === null) return null;
    const timed = 'sessionId' in value;
    const remaining = timed
      ? sessions().find((session) => session.id === value.sessionId)?.remaining
      : days().find((day) => day.date === value.bookingDate)?.remaining;
    if (remaining === undefined) return null;
    if (remaining <= 0) return { soldOut: true };
    return places > remaining ? { notEnoughPlaces: { remaining, at: timed ? 'at that time' : 'that day' } } : null;
  };
}

/** Whether `value` is a number of places one booking may take (1–10). */
export function validQuantity(value: unknown): value is number {
  const quantity = Number(value);
  return Number.isInteger(quantity) && quantity >= BOOKING_LIMITS.minQuantity && quantity <= BOOKING_LIMITS.maxQuantity;
}

/** What a day of the strip has left: "3 places left", "Sold out", or "No times" (a timed service has no session that day). */
export function dayLeft(day: AvailabilityDayDto): string {
  if (day.capacity <= 0) return 'No times';
  return day.remaining <= 0 ? 'Sold out' : `${plural(day.remaining, 'place')} left`;
}

/** Why a time cannot be booked, or `open`. */
export type TimeState = 'open' | 'cancelled' | 'sold-out' | 'sales-closed';

export const TIME_STATE_LABELS: Record<Exclude<TimeState, 'open'>, string> = {
  cancelled: 'Cancelled',
  'sold-out': 'Sold out',
  'sales-closed': 'Sales closed',
};

/** Whether a session can be booked now: not cancelled, places left, and sales still open (they close `salesCloseMinutes` before the start). */
export function timeState(session: SessionDto, salesCloseMinutes: number, now = Date.now()): TimeState {
  if (session.status === 'cancelled') return 'cancelled';
  if (session.remaining <= 0) return 'sold-out';
  return now >= Date.parse(session.startsAt) - salesCloseMinutes * 60_000 ? 'sales-closed' : 'open';
}

/** The timed sessions on `date`, in order of start. */
export function timesOn(sessions: readonly SessionDto[], date: string): SessionDto[] {
  return sessions.filter((session) => !session.allDay && session.localDate === date);
}

/** What a link carries of a choice: `?date=&session=&places=` or `&tickets=typeId:count,…`. */
export interface CarriedChoice {
  date?: string;
  session?: string;
  places?: string;
  tickets?: string;
}

/** The link parameters that carry a choice (e.g. through logging in), for `carriedChoice` to take back. */
export function choiceParams(value: BookingValue): CarriedChoice {
  const params: CarriedChoice = {};
  if (value.bookingDate) params.date = value.bookingDate;
  if (value.sessionId) params.session = String(value.sessionId);
  if (value.tickets) {
    const lines = Object.entries(value.tickets).filter(([, count]) => ticketCountOk(count) && Number(count) > 0);
    if (lines.length) params.tickets = lines.map(([id, count]) => `${id}:${Number(count)}`).join(',');
  } else if (validQuantity(value.quantity)) params.places = String(value.quantity);
  return params;
}

/** What is on offer: the days, the sessions (for a timed service), the active ticket types. */
export interface Offer {
  days: readonly AvailabilityDayDto[];
  sessions: readonly SessionDto[];
  types: readonly TicketTypeDto[];
  salesCloseMinutes: number;
}

/** The day, time and places a link carried, as far as they still fit what is on offer (a time is taken only while it can be booked). */
export function carriedChoice(offer: Offer, carried: CarriedChoice, now = Date.now()): Partial<Omit<BookingValue, 'notes'>> {
  const choice: Partial<Omit<BookingValue, 'notes'>> = {};
  const { date, session, places, tickets } = carried;
  if (date && offer.days.some((day) => day.date === date && day.remaining > 0)) choice.bookingDate = date;
  const time = session && /^\d+$/.test(session) ? offer.sessions.find((candidate) => candidate.id === Number(session)) : undefined;
  if (time && !time.allDay && time.localDate === choice.bookingDate && timeState(time, offer.salesCloseMinutes, now) === 'open') {
    choice.sessionId = time.id;
  }
  if (places !== undefined && /^\d+$/.test(places) && validQuantity(places)) choice.quantity = Number(places);
  const lines = carriedTickets(tickets, offer.types);
  if (lines) choice.tickets = lines;
  return choice;
}

/** `5:2,6:1` → `{ 5: 2, 6: 1, (other types): 0 }`, when every line names an offered type and the total can be booked. */
function carriedTickets(carried: string | undefined, types: readonly TicketTypeDto[]): Record<string, number> | undefined {
  if (!carried || types.length < 2) return undefined;
  const counts: Record<string, number> = Object.fromEntries(types.map((type) => [String(type.id), 0]));
  for (const line of carried.split(',')) {
    const match = /^(\d+):(\d+)$/.exec(line);
    if (!match || !(match[1] in counts) || !validQuantity(match[2])) return undefined;
    counts[match[1]] = Number(match[2]);
  }
  return validQuantity(sumTickets(counts)) ? counts : undefined;
}

/** The request that books the choice: a session, or an all-day service's date; tickets by type, or a number of places. */
export function bookingRequest(serviceId: number, value: BookingValue): CreateBookingDto {
  const notes = value.notes?.trim();
  const where = value.sessionId ? { sessionId: value.sessionId } : { serviceId, bookingDate: value.bookingDate };
  const places = value.tickets
    ? {
        tickets: Object.entries(value.tickets)
          .filter(([, count]) => Number(count) > 0)
          .map(([id, count]) => ({ ticketTypeId: Number(id), quantity: Number(count) })),
      }
    : { quantity: Number(value.quantity) };
  return { ...where, ...places, ...(notes ? { notes } : {}) };
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
