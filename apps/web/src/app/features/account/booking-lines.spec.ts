import { bookingWhen } from './booking-lines';

describe('bookingWhen', () => {
  it('gives a timed booking its start on the venue’s clock', () => {
    const booking = { bookingDate: '2026-11-29', startsAt: '2026-11-28T18:30:00.000Z', allDay: false };
    expect(bookingWhen(booking, 'Pacific/Kiritimati')).toEqual({ day: 'Sun 29 Nov 2026', time: '08:30' });
  });

  it('says "All day" for an all-day booking', () => {
    const booking = { bookingDate: '2026-11-28', startsAt: '2026-11-27T10:00:00.000Z', allDay: true };
    expect(bookingWhen(booking, 'Pacific/Kiritimati')).toEqual({ day: 'Sat 28 Nov 2026', time: 'All day' });
  });
});
