import { randomUUID } from 'node:crypto';
import { redisForSuite, TEST_REDIS_URL } from './support/redis.js';
import { startServer, type RunningServer } from './support/server.js';
import { as, TestApp } from './support/test-app.js';

/**
 * The catalogue cache: reads are served from the shared store (a change made behind the API's back
 * stays invisible), and any write through the API is visible at once — on every instance that
 * shares the store.
 */
const withRedis = await redisForSuite('catalogue cache');

(withRedis ? describe : describe.skip)('catalogue cache', () => {
  let api: TestApp;
  let second: RunningServer;
  const env = { CATALOGUE_CACHE_SECONDS: '60', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `test-${randomUUID()}:` };

  beforeAll(async () => {
    api = await TestApp.start(env);
    second = await startServer(api.env);
  });
  afterAll(async () => {
    await second?.stop();
    await api?.close();
  });

  const names = async (baseUrl: string) =>
    ((await (await fetch(`${baseUrl}/api/services?sort=name`)).json()) as { data: { name: string }[] }).data.map((service) => service.name);
  const nameOf = async (baseUrl: string, id: number) =>
    ((await (await fetch(`${baseUrl}/api/services/${id}`)).json()) as { name: string }).name;

  it('serves cached pages and services until a write, which every instance sees at once', async () => {
    const admin = await api.admin();
    const service = await api.service({ name: 'Alpha' });
    expect(await names(api.baseUrl)).toEqual(['Alpha']);
    expect(await nameOf(second.baseUrl, service.id)).toBe('Alpha');

    // Behind the API's back: both instances keep answering from the shared cache.
    await api.database.query('UPDATE services SET name = ? WHERE id = ?', ['Changed in SQL', service.id]);
    expect(await names(second.baseUrl)).toEqual(['Alpha']);
    expect(await nameOf(api.baseUrl, service.id)).toBe('Alpha');

    // Through one instance: the other serves the change on its very next request.
    const renamed = await api.patch(`/api/services/${service.id}`, { name: 'Beta' }, as(admin));
    expect(renamed.status).toBe(200);
    expect(await names(second.baseUrl)).toEqual(['Beta']);
    expect(await nameOf(second.baseUrl, service.id)).toBe('Beta');

    const created = await fetch(`${second.baseUrl}/api/services`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ name: 'Gamma', category: 'movie', priceCents: 900, durationMinutes: 100, capacity: 10 }),
    });
    expect(created.status).toBe(201);
    expect(await names(api.baseUrl)).toEqual(['Beta', 'Gamma']);

    expect((await api.delete(`/api/services/${service.id}`, as(admin))).status).toBe(204);
    expect(await names(second.baseUrl)).toEqual(['Gamma']);
    expect((await fetch(`${second.baseUrl}/api/services/${service.id}`)).status).toBe(404);
  });
});
