import type { AvailabilityDayDto, SessionDto, TicketTypeDto } from '@marquee/contracts/client';
import {
  bookingRequest,
  bookingTotal,
  carriedChoice,
  choiceParams,
  createBookingForm,
  dayLabel,
  dayLeft,
  fitsAvailability,
  offerChoices,
  timeState,
  timesOn,
  type Offer,
} from './booking-form';

const days: AvailabilityDayDto[] = [
  { date: '2030-01-01', capacity: 10, booked: 10, remaining: 0 },
  { date: '2030-01-02', capacity: 10, booked: 7, remaining: 3 },
];

function session(id: number, localTime: string, changes: Partial<SessionDto> = {}): SessionDto {
  return {
    id,
    serviceId: 1,
    scheduleId: 1,
    startsAt: `2030-01-02T${localTime}:00.000Z`,
    endsAt: `2030-01-02T23:00:00.000Z`,
    localDate: '2030-01-02',
    localTime,
    allDay: false,
    capacity: 20,
    booked: 0,
    remaining: 20,
    status: 'scheduled',
    ...changes,
  };
}

const type = (id: number, name: string, priceCents: number): TicketTypeDto => ({
  id,
  serviceId: 1,
  name,
  priceCents,
  currency: 'USD',
  position: id,
  isActive: true,
});
const adult = type(5, 'Adult', 2000);
const child = type(6, 'Child', 800);
const sessions = [session(11, '10:00'), session(12, '19:30', { remaining: 2, booked: 18 }), session(13, '21:00', { remaining: 0 })];
const BEFORE = Date.parse('2030-01-01T00:00:00Z');

describe('booking form', () => {
  it('needs a date and a quantity from 1 to 10', () => {
    const form = createBookingForm();
    expect(form.controls.bookingDate.hasError('required')).toBe(true);
    form.controls.quantity.setValue(0);
    expect(form.controls.quantity.hasError('min')).toBe(true);
    form.controls.quantity.setValue(11);
    expect(form.controls.quantity.hasError('max')).toBe(true);
    form.patchValue({ bookingDate: '2030-01-02', quantity: 2 });
    expect(form.valid).toBe(true);
  });

  it('refuses a sold-out day and more places than are left', () => {
    const form = createBookingForm();
    form.addValidators(
      fitsAvailability(
        () => days,
        () => [],
      ),
    );
    form.patchValue({ bookingDate: '2030-01-01', quantity: 1 });
    expect(form.hasError('soldOut')).toBe(true);
    form.patchValue({ bookingDate: '2030-01-02', quantity: 4 });
    expect(form.getError('notEnoughPlaces')).toEqual({ remaining: 3, at: 'that day' });
    form.patchValue({ bookingDate: '2030-01-02', quantity: 3 });
    expect(form.valid).toBe(true);
  });

  it('leaves a quantity over the limit to its own message (one message at a time)', () => {
    const form = createBookingForm();
    form.addValidators(
      fitsAvailability(
        () => days,
        () => [],
      ),
    );
    form.patchValue({ bookingDate: '2030-01-02', quantity: 11 });
    expect(form.controls.quantity.hasError('max')).toBe(true);
    expect(form.errors).toBeNull();
  });

  it('says what a day of the strip has left', () => {
    expect(days.map(dayLeft)).toEqual(['Sold out', '3 places left']);
    expect(dayLeft({ date: '2030-01-03', capacity: 0, booked: 0, remaining: 0 })).toBe('No times');
  });

  it('labels a day of the strip in UTC', () => {
    expect(dayLabel('2030-01-02')).toEqual({ weekday: 'Wed', day: '2', month: 'Jan' });
  });
});

describe('a service with timed sessions and several ticket types', () => {
  function timedForm() {
    const form = createBookingForm();
    form.addValidators(
      fitsAvailability(
        () => days,
        () => sessions,
      ),
    );
    offerChoices(form, true, [adult, child]);
    return form;
  }

  it('needs a time, and counts places by ticket type: at least one, at most 10 in all', () => {
    const form = timedForm();
    form.patchValue({ bookingDate: '2030-01-02' });
    expect(form.controls.sessionId.hasError('required')).toBe(true);
    expect(form.controls.quantity.disabled).toBe(true);
    expect(form.controls.tickets.hasError('noTickets')).toBe(true);
    form.patchValue({ sessionId: 11, tickets: { 5: 6, 6: 5 } });
    expect(form.controls.tickets.getError('tooManyTickets')).toEqual({ max: 10 });
    form.patchValue({ tickets: { 5: 2, 6: 1 } });
    expect(form.valid).toBe(true);
  });

  it('refuses more tickets than the chosen time has left, whatever the day has', () => {
    const form = timedForm();
    form.patchValue({ bookingDate: '2030-01-02', sessionId: 12, tickets: { 5: 2, 6: 1 } });
    expect(form.getError('notEnoughPlaces')).toEqual({ remaining: 2, at: 'at that time' });
    form.patchValue({ sessionId: 13 });
    expect(form.hasError('soldOut')).toBe(true);
  });

  it('totals the tickets live, each at its type’s price', () => {
    const form = timedForm();
    form.patchValue({ bookingDate: '2030-01-02', sessionId: 11, tickets: { 5: 2, 6: 1 } });
    expect(bookingTotal(form.value, [adult, child], 2000)).toBe(4800);
    form.patchValue({ tickets: { 5: 0, 6: 3 } });
    expect(bookingTotal(form.value, [adult, child], 2000)).toBe(2400);
    // No total while the tickets cannot be booked: none, a wrong count, or more than 10.
    form.patchValue({ tickets: { 5: 0, 6: 0 } });
    expect(bookingTotal(form.value, [adult, child], 2000)).toBeNull();
    form.patchValue({ tickets: { 5: 1.5, 6: 0 } });
    expect(form.controls.tickets.controls['5'].hasError('ticketCount')).toBe(true);
    expect(bookingTotal(form.value, [adult, child], 2000)).toBeNull();
    form.patchValue({ tickets: { 5: 8, 6: 3 } });
    expect(bookingTotal(form.value, [adult, child], 2000)).toBeNull();
  });

  it('totals places at the service’s price when it sells one type', () => {
    const form = createBookingForm();
    offerChoices(form, false, [adult]);
    form.patchValue({ bookingDate: '2030-01-02', quantity: 3 });
    expect(form.controls.tickets.disabled).toBe(true);
    expect(form.controls.sessionId.disabled).toBe(true);
    expect(bookingTotal(form.value, [adult], 1500)).toBe(4500);
  });

  it('books the session with its ticket lines, or an all-day date with its places', () => {
    const form = timedForm();
    form.patchValue({ bookingDate: '2030-01-02', sessionId: 11, tickets: { 5: 2, 6: 0 }, notes: '  Aisle seats ' });
    expect(bookingRequest(1, form.value)).toEqual({ sessionId: 11, tickets: [{ ticketTypeId: 5, quantity: 2 }], notes: 'Aisle seats' });
    const allDay = createBookingForm();
    offerChoices(allDay, false, [adult]);
    allDay.patchValue({ bookingDate: '2030-01-02', quantity: 3 });
    expect(bookingRequest(1, allDay.value)).toEqual({ serviceId: 1, bookingDate: '2030-01-02', quantity: 3 });
  });
});

describe('times', () => {
  it('lists the timed sessions of the chosen day', () => {
    const other = session(14, '09:00', { localDate: '2030-01-03' });
    const allDay = session(15, '00:00', { allDay: true });
    expect(timesOn([...sessions, other, allDay], '2030-01-02').map((s) => s.id)).toEqual([11, 12, 13]);
  });

  it('cannot book a cancelled time, a sold-out one, or one whose sales have closed', () => {
    const start = Date.parse('2030-01-02T19:30:00Z');
    expect(timeState(session(1, '19:30'), 0, BEFORE)).toBe('open');
    expect(timeState(session(1, '19:30', { status: 'cancelled', remaining: 0 }), 0, BEFORE)).toBe('cancelled');
    expect(timeState(session(1, '19:30', { remaining: 0 }), 0, BEFORE)).toBe('sold-out');
    // Sales close salesCloseMinutes before the start.
    expect(timeState(session(1, '19:30'), 30, start - 31 * 60_000)).toBe('open');
    expect(timeState(session(1, '19:30'), 30, start - 30 * 60_000)).toBe('sales-closed');
    expect(timeState(session(1, '19:30'), 0, start)).toBe('sales-closed');
  });
});

describe('the choice carried through logging in', () => {
  const offer: Offer = { days, sessions, types: [adult, child], salesCloseMinutes: 0 };

  it('puts the day, time and tickets in the link and takes them back', () => {
    const form = createBookingForm();
    offerChoices(form, true, [adult, child]);
    form.patchValue({ bookingDate: '2030-01-02', sessionId: 12, tickets: { 5: 2, 6: 1 } });
    const params = choiceParams(form.value);
    expect(params).toEqual({ date: '2030-01-02', session: '12', tickets: '5:2,6:1' });
    expect(carriedChoice(offer, params, BEFORE)).toEqual({ bookingDate: '2030-01-02', sessionId: 12, tickets: { 5: 2, 6: 1 } });
  });

  it('carries the day and places of a service that sells one type, as before', () => {
    const form = createBookingForm();
    offerChoices(form, false, [adult]);
    form.patchValue({ bookingDate: '2030-01-02', quantity: 3 });
    expect(choiceParams(form.value)).toEqual({ date: '2030-01-02', places: '3' });
    const single = { ...offer, sessions: [], types: [adult] };
    expect(carriedChoice(single, { date: '2030-01-02', places: '3' })).toEqual({ bookingDate: '2030-01-02', quantity: 3 });
    expect(carriedChoice(single, { date: '2030-01-01', places: '3' })).toEqual({ quantity: 3 });
    expect(carriedChoice(single, { date: '2031-05-05', places: '11' })).toEqual({});
    expect(carriedChoice(single, { places: '2.5' })).toEqual({});
  });

  it('drops what no longer fits: a sold-out or past time, a time of another day, unknown types, too many tickets', () => {
    expect(carriedChoice(offer, { date: '2030-01-02', session: '13' }, BEFORE)).toEqual({ bookingDate: '2030-01-02' });
    expect(carriedChoice(offer, { date: '2030-01-02', session: '11' }, Date.parse('2030-01-02T10:00:00Z'))).toEqual({
      bookingDate: '2030-01-02',
    });
    expect(carriedChoice(offer, { session: '11' }, BEFORE)).toEqual({});
    expect(carriedChoice(offer, { tickets: '5:2,99:1' })).toEqual({});
    expect(carriedChoice(offer, { tickets: '5:8,6:3' })).toEqual({});
    expect(carriedChoice(offer, { tickets: '6:1' })).toEqual({ tickets: { 5: 0, 6: 1 } });
  });
});
