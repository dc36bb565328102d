import { as, expectProblem, TestApp } from './support/test-app.js';

// A zone whose calendar date differs from UTC's right now: UTC+14 from 10:00 UTC, UTC-11 before 11:00.
const ZONE = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';

/** "Today" and "past" are calendar dates in VENUE_TIMEZONE, not in UTC or the server's zone. */
describe('venue time zone', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start({ VENUE_TIMEZONE: ZONE });
  });
  afterAll(async () => {
    await api?.close();
  });

  const venueDay = (offsetDays: number) => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    );
    return new Date(Date.parse(`${today}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
  };

  it('books from the venue’s today, refuses the venue’s yesterday, and starts availability there', async () => {
    expect(venueDay(0)).not.toBe(new Date().toISOString().slice(0, 10));
    const customer = await api.customer();
    const service = await api.service();
    const yesterday = await api.post('/api/bookings', { serviceId: service.id, bookingDate: venueDay(-1), quantity: 1 }, as(customer));
    expectProblem(yesterday, 400, 'validation');
    const today = await api.post('/api/bookings', { serviceId: service.id, bookingDate: venueDay(0), quantity: 1 }, as(customer));
    expect(today.status).toBe(201);
    const farthest = await api.post('/api/bookings', { serviceId: service.id, bookingDate: venueDay(365), quantity: 1 }, as(customer));
    expect(farthest.status).toBe(201);
    const beyond = await api.post('/api/bookings', { serviceId: service.id, bookingDate: venueDay(366), quantity: 1 }, as(customer));
    expectProblem(beyond, 400, 'validation');

    const availability = await api.get(`/api/services/${service.id}/availability`);
    expect(availability.body[0]).toEqual({ date: venueDay(0), capacity: service.capacity, booked: 1, remaining: service.capacity - 1 });
    expect(availability.body).toHaveLength(30);
  });
});
