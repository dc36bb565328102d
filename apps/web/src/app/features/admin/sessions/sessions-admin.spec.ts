import { ticketSummary } from './attendees.page';
import { describeSchedule, scheduleOutcome } from './schedules-editor';
import { cancellationMessage } from './service-sessions';

const schedule = { id: 1, serviceId: 1, weekdays: [2, 6], times: ['10:00', '14:30'], startsOn: '2027-01-01', endsOn: null, capacity: null };
const stamps = { createdAt: '2027-01-01T00:00:00Z', updatedAt: '2027-01-01T00:00:00Z' };
const kept = { id: 9, booked: 2, localDate: '2027-01-05', localTime: '10:00', startsAt: '2027-01-05T10:00:00Z' };

describe('sessions admin wording', () => {
  it('says what a saved schedule did', () => {
    expect(scheduleOutcome({ created: 24, kept: [kept, { ...kept, id: 10 }], schedule: { ...schedule, ...stamps } })).toBe(
      'Created 24 sessions; 2 with bookings kept.',
    );
    expect(scheduleOutcome({ created: 1, kept: [], schedule: { ...schedule, ...stamps } })).toBe('Created 1 session.');
    expect(scheduleOutcome({ created: 10, removed: 8, kept: [kept], schedule: { ...schedule, ...stamps } })).toBe(
      'Created 10 sessions, removed 8; 1 with bookings kept.',
    );
  });

  it('names a schedule by its weekdays and times', () => {
    expect(describeSchedule(schedule)).toBe('Tue, Sat at 10:00, 14:30');
  });

  it('says how many bookings a cancellation takes', () => {
    expect(cancellationMessage({ booked: 0 }, null)).toBe('Nobody has booked it yet. It is no longer sold.');
    expect(cancellationMessage({ booked: 3 }, 1)).toBe('This cancels 1 booking (3 places) and tells each customer.');
    expect(cancellationMessage({ booked: 1 }, null)).toBe('This cancels the bookings holding 1 place and tells each customer.');
  });

  it('sums up the tickets of a booking', () => {
    expect(
      ticketSummary({
        tickets: [
          { name: 'Adult', quantity: 2, ticketTypeId: 1, unitPriceCents: 2000 },
          { name: 'Child', quantity: 1, ticketTypeId: 2, unitPriceCents: 750 },
        ],
      }),
    ).toBe('2 × Adult, 1 × Child');
  });
});
