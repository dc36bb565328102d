import { as, TestApp } from './support/test-app.js';

/** GET /api/venue: what the web app needs to show dates and prices as the venue does. */
describe('venue', () => {
  let api: TestApp;

  beforeAll(async () => {
    // The catalogue cache is on: a service write must still show in the currencies at once.
    api = await TestApp.start({ VENUE_TIMEZONE: 'Pacific/Auckland', CATALOGUE_CACHE_SECONDS: '60' });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers the time zone and the currencies of live services, without a token', async () => {
    const empty = await api.get('/api/venue');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ timeZone: 'Pacific/Auckland', currencies: [] });

    await api.service({ currency: 'USD' });
    await api.service({ currency: 'EUR' });
    const pounds = await api.service({ currency: 'GBP' });
    expect((await api.get('/api/venue')).body).toEqual({ timeZone: 'Pacific/Auckland', currencies: ['EUR', 'GBP', 'USD'] });

    const admin = await api.admin();
    expect((await api.delete(`/api/services/${pounds.id}`, as(admin))).status).toBe(204);
    expect((await api.get('/api/venue')).body.currencies).toEqual(['EUR', 'USD']);
  });
});
