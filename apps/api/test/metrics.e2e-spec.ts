import { as, day, TestApp } from './support/test-app.js';

/** Prometheus metrics at GET /metrics: request counts and latency by route, booking outcomes. */
describe('metrics', () => {
  let api: TestApp;
  let guarded: TestApp;

  beforeAll(async () => {
    [api, guarded] = await Promise.all([
      TestApp.start(),
      TestApp.start({
        NODE_ENV: 'production',
        SMTP_URL: 'smtp://127.0.0.1:9',
        METRICS_ENABLED: 'true',
        METRICS_TOKEN: 'scrape-token-0123456789',
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([api?.close(), guarded?.close()]);
  });

  const sample = (text: string, name: string, labels: string) =>
    Number(new RegExp(`^${name}\\{${labels}\\} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

  it('counts requests by route pattern and status, and booking outcomes', async () => {
    const customer = await api.customer();
    const service = await api.service({ capacity: 1 });
    expect((await api.get(`/api/services/${service.id}`)).status).toBe(200);
    expect((await api.post('/api/bookings', { serviceId: service.id, bookingDate: day(2), quantity: 1 }, as(customer))).status).toBe(201);
    expect((await api.post('/api/bookings', { serviceId: service.id, bookingDate: day(2), quantity: 1 }, as(customer))).status).toBe(409);

    const reply = await api.get('/metrics');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/plain');
    const text = reply.body as string;
    expect(sample(text, 'marquee_http_requests_total', 'method="GET",route="/api/services/:id",status="200"')).toBe(1);
    expect(sample(text, 'marquee_http_requests_total', 'method="POST",route="/api/bookings",status="409"')).toBe(1);
    expect(sample(text, 'marquee_http_request_duration_seconds_count', 'method="POST",route="/api/bookings",status="201"')).toBe(1);
    expect(sample(text, 'marquee_bookings_total', 'outcome="confirmed"')).toBe(1);
    expect(sample(text, 'marquee_bookings_total', 'outcome="sold_out"')).toBe(1);
    expect(text).toMatch(/^marquee_process_resident_memory_bytes \d+/m);
  });

  it('is not under /api, and in production answers only with the scrape token', async () => {
    expect((await api.get('/api/metrics')).status).toBe(404);
    expect((await guarded.get('/metrics')).status).toBe(404);
    expect((await guarded.get('/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(404);
    const scraped = await guarded.get('/metrics', { headers: { authorization: 'Bearer scrape-token-0123456789' } });
    expect(scraped.status).toBe(200);
    expect(scraped.body).toContain('marquee_http_requests_total');
  });
});
