import type { AvailabilityDayDto } from '@marquee/contracts/client';
import { carriedChoice, createBookingForm, dayLabel, fitsAvailability } from './booking-form';

const days: AvailabilityDayDto[] = [
  { date: '2030-01-01', capacity: 10, booked: 10, remaining: 0 },
  { date: '2030-01-02', capacity: 10, booked: 7, remaining: 3 },
];

describe('booking form', () => {
  it('needs a date and a quantity from 1 to 10', () => {
    const form = createBookingForm();
    expect(form.controls.bookingDate.hasError('required')).toBe(true);
    form.controls.quantity.setValue(0);
    expect(form.controls.quantity.hasError('min')).toBe(true);
    form.controls.quantity.setValue(11);
    expect(form.controls.quantity.hasError('max')).toBe(true);
    form.setValue({ bookingDate: '2030-01-02', quantity: 2, notes: '' });
    expect(form.valid).toBe(true);
  });

  it('refuses a sold-out day and more places than are left', () => {
    const form = createBookingForm();
    form.addValidators(fitsAvailability(() => days));
    form.setValue({ bookingDate: '2030-01-01', quantity: 1, notes: '' });
    expect(form.hasError('soldOut')).toBe(true);
    form.setValue({ bookingDate: '2030-01-02', quantity: 4, notes: '' });
    expect(form.getError('notEnoughPlaces')).toEqual({ remaining: 3 });
    form.setValue({ bookingDate: '2030-01-02', quantity: 3, notes: '' });
    expect(form.valid).toBe(true);
  });

  it('leaves a quantity over the limit to its own message (one message at a time)', () => {
    const form = createBookingForm();
    form.addValidators(fitsAvailability(() => days));
    form.setValue({ bookingDate: '2030-01-02', quantity: 11, notes: '' });
    expect(form.controls.quantity.hasError('max')).toBe(true);
    expect(form.errors).toBeNull();
  });

  it('takes back the day and places a link carried when they still fit', () => {
    expect(carriedChoice(days, '2030-01-02', '3')).toEqual({ bookingDate: '2030-01-02', quantity: 3 });
    expect(carriedChoice(days, '2030-01-01', '3')).toEqual({ quantity: 3 });
    expect(carriedChoice(days, '2031-05-05', '11')).toEqual({});
    expect(carriedChoice(days, undefined, '2.5')).toEqual({});
  });

  it('labels a day of the strip in UTC', () => {
    expect(dayLabel('2030-01-02')).toEqual({ weekday: 'Wed', day: '2', month: 'Jan' });
  });
});
