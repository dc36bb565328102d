import { randomUUID } from 'node:crypto';
import { day, expectProblem, ISO_TIMESTAMP, TestApp, type Reply, type Session } from './support/test-app.js';
import { moveDay } from './support/time-travel.js';

const SERVICE_KEYS = [
  'availabilityStatus',
  'cancellationCutoffHours',
  'capacity',
  'category',
  'createdAt',
  'currency',
  'description',
  'durationMinutes',
  'id',
  'image',
  'imageUrl',
  'location',
  'name',
  'priceCents',
  'salesCloseMinutes',
  'updatedAt',
];
const VALID = { name: 'Jazz night', category: 'concert', priceCents: 2500, durationMinutes: 90, capacity: 50 };

describe('services', () => {
  let api: TestApp;
  let admin: Session;
  let manager: Session;
  let customer: Session;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.admin();
    manager = await api.withRole('manager');
    customer = await api.customer();
  });

  afterAll(async () => {
    await api?.close();
  });

  const expectNothingWritten = (send: () => Promise<Reply>, status: number, kind: string) => api.expectNothingWritten(send, status, kind);

  function fields(reply: Reply): string[] {
    return (reply.body.errors ?? []).map((error: { field: string }) => error.field);
  }

  async function book(serviceId: number, bookingDate: string, quantity: number, who: Session = customer): Promise<number> {
    const reply = await api.post('/api/bookings', { serviceId, bookingDate, quantity }, { token: who.accessToken });
    expect(reply.status).toBe(201);
    return reply.body.id;
  }

  describe('GET /api/services (public list)', () => {
    const tag = `tag${randomUUID().slice(0, 8)}`;
    const created: Record<string, number> = {};

    beforeAll(async () => {
      const rows = [
        { key: 'alpha', name: `Alpha ${tag}`, category: 'concert', priceCents: 1000 },
        { key: 'bravo', name: `Bravo show`, description: `with ${tag} inside`, category: 'movie', priceCents: 3000 },
        { key: 'charlie', name: `Charlie act`, location: `Hall ${tag}`, category: 'theatre', priceCents: 2000 },
        { key: 'delta', name: `Delta ${tag}`, category: 'concert', priceCents: 5000, availabilityStatus: 'unavailable' },
        { key: 'echo', name: `Echo ${tag}`, category: 'comedy', priceCents: 0 },
      ];
      for (const { key, ...row } of rows) created[key] = (await api.service(row)).id;
    });

    const names = (reply: Reply) => reply.body.data.map((service: { name: string }) => service.name);

    it('answers without a token, with pagination meta', async () => {
      const reply = await api.get(`/api/services?search=${tag}&limit=2`);
      expect(reply.status).toBe(200);
      expect(reply.body.meta).toEqual({ page: 1, limit: 2, total: 5, totalPages: 3 });
      expect(reply.body.data).toHaveLength(2);
      // A listed service also says when its next session starts.
      expect(Object.keys(reply.body.data[0]).sort()).toEqual([...SERVICE_KEYS, 'nextSessionAt'].sort());

      const last = await api.get(`/api/services?search=${tag}&limit=2&page=3`);
      expect(last.status).toBe(200);
      expect(last.body.meta).toEqual({ page: 3, limit: 2, total: 5, totalPages: 3 });
      expect(last.body.data).toHaveLength(1);

      const beyond = await api.get(`/api/services?search=${tag}&limit=2&page=4`);
      expect(beyond.status).toBe(200);
      expect(beyond.body).toEqual({ data: [], meta: { page: 4, limit: 2, total: 5, totalPages: 3 } });
    });

    it('defaults to page 1 and 20 items, sorted by name', async () => {
      const reply = await api.get(`/api/services?search=${tag}`);
      expect(reply.status).toBe(200);
      expect(reply.body.meta).toEqual({ page: 1, limit: 20, total: 5, totalPages: 1 });
      expect(names(reply)).toEqual([`Alpha ${tag}`, 'Bravo show', 'Charlie act', `Delta ${tag}`, `Echo ${tag}`]);
    });

    it('accepts limit 1 and 100 and refuses 0, 101, page 0 and non-numbers', async () => {
      expect((await api.get(`/api/services?search=${tag}&limit=1`)).body.meta).toEqual({ page: 1, limit: 1, total: 5, totalPages: 5 });
      expect((await api.get(`/api/services?search=${tag}&limit=100`)).body.meta).toEqual({ page: 1, limit: 100, total: 5, totalPages: 1 });
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['page=0', 'page'],
        ['page=-1', 'page'],
        ['page=abc', 'page'],
        ['limit=1.5', 'limit'],
      ]) {
        const reply = await api.get(`/api/services?${query}`);
        expectProblem(reply, 400, 'validation');
        expect(fields(reply)).toContain(field);
      }
    });

    it('searches name, description and location', async () => {
      expect(names(await api.get(`/api/services?search=${tag}`))).toHaveLength(5);
      expect(names(await api.get(`/api/services?search=${tag.toUpperCase()}`))).toHaveLength(5);
      expect(names(await api.get(`/api/services?search=Charlie act`))).toEqual(['Charlie act']);
      const none = await api.get(`/api/services?search=nothing-${randomUUID()}`);
      expect(none.body).toEqual({ data: [], meta: { page: 1, limit: 20, total: 0, totalPages: 0 } });
      // LIKE wildcards are searched literally.
      expect((await api.get(`/api/services?search=%25`)).body.meta.total).toBe(0);
      expect((await api.get(`/api/services?search=_`)).body.meta.total).toBe(0);
    });

    it('filters by category and refuses an unknown one', async () => {
      expect(names(await api.get(`/api/services?search=${tag}&category=concert`))).toEqual([`Alpha ${tag}`, `Delta ${tag}`]);
      expect(names(await api.get(`/api/services?search=${tag}&category=movie`))).toEqual(['Bravo show']);
      expect(names(await api.get(`/api/services?search=${tag}&category=sports`))).toEqual([]);
      const reply = await api.get('/api/services?category=opera');
      expectProblem(reply, 400, 'validation');
      expect(fields(reply)).toEqual(['category']);
    });

    it('filters by price in cents, both bounds included', async () => {
      expect(names(await api.get(`/api/services?search=${tag}&minPrice=2000`))).toEqual(['Bravo show', 'Charlie act', `Delta ${tag}`]);
      expect(names(await api.get(`/api/services?search=${tag}&maxPrice=2000`))).toEqual([`Alpha ${tag}`, 'Charlie act', `Echo ${tag}`]);
      expect(names(await api.get(`/api/services?search=${tag}&minPrice=1000&maxPrice=3000`))).toEqual([
        `Alpha ${tag}`,
        'Bravo show',
        'Charlie act',
      ]);
      expect(names(await api.get(`/api/services?search=${tag}&maxPrice=0`))).toEqual([`Echo ${tag}`]);
      for (const query of ['minPrice=-1', 'maxPrice=abc', 'minPrice=1.5']) {
        expectProblem(await api.get(`/api/services?${query}`), 400, 'validation');
      }
      expectProblem(await api.get('/api/services?minPrice=3000&maxPrice=1000'), 400, 'validation');
    });

    it('filters by currency, with the price bounds in that currency', async () => {
      const mixed = `mixed${randomUUID().slice(0, 8)}`;
      await api.service({ name: `Dollars ${mixed}`, priceCents: 1500, currency: 'USD' });
      await api.service({ name: `Euros ${mixed}`, priceCents: 1500, currency: 'EUR' });
      await api.service({ name: `Dear euros ${mixed}`, priceCents: 9000, currency: 'EUR' });
      expect(names(await api.get(`/api/services?search=${mixed}&currency=EUR`))).toEqual([`Dear euros ${mixed}`, `Euros ${mixed}`]);
      expect(names(await api.get(`/api/services?search=${mixed}&currency=EUR&maxPrice=2000`))).toEqual([`Euros ${mixed}`]);
      expect(names(await api.get(`/api/services?search=${mixed}&currency=USD&minPrice=1000`))).toEqual([`Dollars ${mixed}`]);
      expect(names(await api.get(`/api/services?search=${mixed}&currency=GBP`))).toEqual([]);
      for (const currency of ['eur', 'EURO', '€']) {
        const reply = await api.get(`/api/services?currency=${encodeURIComponent(currency)}`);
        expectProblem(reply, 400, 'validation');
        expect(fields(reply)).toEqual(['currency']);
      }
    });

    it('filters by availability: true, false, anything else is a 400', async () => {
      expect(names(await api.get(`/api/services?search=${tag}&available=true`))).toEqual([
        `Alpha ${tag}`,
        'Bravo show',
        'Charlie act',
        `Echo ${tag}`,
      ]);
      expect(names(await api.get(`/api/services?search=${tag}&available=false`))).toEqual([`Delta ${tag}`]);
      for (const value of ['yes', '1', 'TRUE', '']) {
        const reply = await api.get(`/api/services?available=${value}`);
        expectProblem(reply, 400, 'validation');
        expect(fields(reply)).toEqual(['available']);
      }
    });

    it('sorts by name, price and creation, ascending and descending', async () => {
      const sorted = async (sort: string) => names(await api.get(`/api/services?search=${tag}&sort=${sort}`));
      const byCreation = [`Alpha ${tag}`, 'Bravo show', 'Charlie act', `Delta ${tag}`, `Echo ${tag}`];
      expect(await sorted('name')).toEqual(byCreation);
      expect(await sorted('-name')).toEqual([...byCreation].reverse());
      expect(await sorted('priceCents')).toEqual([`Echo ${tag}`, `Alpha ${tag}`, 'Charlie act', 'Bravo show', `Delta ${tag}`]);
      expect(await sorted('-priceCents')).toEqual([`Delta ${tag}`, 'Bravo show', 'Charlie act', `Alpha ${tag}`, `Echo ${tag}`]);
      expect(await sorted('createdAt')).toEqual(byCreation);
      expect(await sorted('-createdAt')).toEqual([...byCreation].reverse());
      for (const sort of ['capacity', '-id', 'name,priceCents', '--name']) {
        const reply = await api.get(`/api/services?sort=${encodeURIComponent(sort)}`);
        expectProblem(reply, 400, 'validation');
        expect(fields(reply)).toEqual(['sort']);
      }
    });

    it('refuses unknown and repeated query parameters', async () => {
      const unknown = await api.get('/api/services?colour=red');
      expectProblem(unknown, 400, 'validation');
      expect(fields(unknown)).toEqual(['colour']);
      const repeated = await api.get('/api/services?page=1&page=2');
      expectProblem(repeated, 400, 'validation');
      expect(fields(repeated)).toEqual(['page']);
    });

    it('refuses numbers beyond what the columns hold instead of failing in SQL', async () => {
      for (const query of ['page=1000001', 'minPrice=2147483648', 'maxPrice=1e20']) {
        const reply = await api.get(`/api/services?${query}`);
        expectProblem(reply, 400, 'validation');
        expect(fields(reply)).toEqual([query.split('=')[0]]);
      }
    });
  });

  describe('GET /api/services/{id}', () => {
    it('answers the exact service shape without a token', async () => {
      const created = await api.post(
        '/api/services',
        {
          name: '  Planetarium  ',
          description: 'Stars',
          category: 'experience',
          priceCents: 1999,
          currency: 'EUR',
          durationMinutes: 45,
          capacity: 12,
          availabilityStatus: 'available',
          imageUrl: 'https://example.com/stars.png',
          location: 'Dome',
        },
        { token: manager.accessToken },
      );
      expect(created.status).toBe(201);
      const reply = await api.get(`/api/services/${created.body.id}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        id: created.body.id,
        name: 'Planetarium',
        description: 'Stars',
        category: 'experience',
        priceCents: 1999,
        currency: 'EUR',
        durationMinutes: 45,
        capacity: 12,
        availabilityStatus: 'available',
        imageUrl: 'https://example.com/stars.png',
        location: 'Dome',
        image: null,
        salesCloseMinutes: 0,
        cancellationCutoffHours: 0,
        createdAt: expect.stringMatching(ISO_TIMESTAMP),
        updatedAt: expect.stringMatching(ISO_TIMESTAMP),
      });
      expect(created.body).toEqual(reply.body);
    });

    it('answers 404 for an unknown id and 400 for one that is not a positive integer', async () => {
      expectProblem(await api.get('/api/services/999999'), 404, 'not-found');
      for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
        const reply = await api.get(`/api/services/${id}`);
        expectProblem(reply, 400, 'validation');
        expect(fields(reply)).toEqual(['id']);
      }
    });
  });

  describe('GET /api/services/{id}/availability', () => {
    it('defaults to 30 dates from today', async () => {
      const service = await api.service({ capacity: 8 });
      const reply = await api.get(`/api/services/${service.id}/availability`);
      expect(reply.status).toBe(200);
      expect(reply.body).toHaveLength(30);
      expect(reply.body[0]).toEqual({ date: day(0), capacity: 8, booked: 0, remaining: 8 });
      expect(reply.body[29]).toEqual({ date: day(29), capacity: 8, booked: 0, remaining: 8 });
      expect(reply.body.map((entry: { date: string }) => entry.date)).toEqual(Array.from({ length: 30 }, (_, n) => day(n)));
    });

    it('takes explicit from and to, and to defaults to from + 29 days', async () => {
      const service = await api.service({ capacity: 3 });
      const one = await api.get(`/api/services/${service.id}/availability?from=${day(5)}&to=${day(5)}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual([{ date: day(5), capacity: 3, booked: 0, remaining: 3 }]);
      const fromOnly = await api.get(`/api/services/${service.id}/availability?from=${day(10)}`);
      expect(fromOnly.body).toHaveLength(30);
      expect(fromOnly.body[0].date).toBe(day(10));
      expect(fromOnly.body[29].date).toBe(day(39));
      const most = await api.get(`/api/services/${service.id}/availability?from=${day(0)}&to=${day(91)}`);
      expect(most.status).toBe(200);
      expect(most.body).toHaveLength(92);
    });

    it('refuses more than 92 dates, a bad date and to before from', async () => {
      const service = await api.service();
      const tooMany = await api.get(`/api/services/${service.id}/availability?from=${day(0)}&to=${day(92)}`);
      expectProblem(tooMany, 400, 'validation');
      expect(fields(tooMany)).toEqual(['to']);
      for (const [query, field] of [
        ['from=2026-02-30', 'from'],
        ['from=tomorrow', 'from'],
        ['to=2026-13-01', 'to'],
        [`from=${day(1).replaceAll('-', '/')}`, 'from'],
      ]) {
        const reply = await api.get(`/api/services/${service.id}/availability?${query}`);
        expectProblem(reply, 400, 'validation');
        expect(fields(reply)).toEqual([field]);
      }
      const backwards = await api.get(`/api/services/${service.id}/availability?from=${day(3)}&to=${day(2)}`);
      expectProblem(backwards, 400, 'validation');
      expect(fields(backwards)).toEqual(['to']);
      expectProblem(await api.get('/api/services/999999/availability'), 404, 'not-found');
      expectProblem(await api.get('/api/services/x/availability'), 400, 'validation');
    });

    it('reflects the places booked per day', async () => {
      const service = await api.service({ capacity: 10 });
      await book(service.id, day(1), 3);
      await book(service.id, day(1), 2);
      await book(service.id, day(2), 10);
      const reply = await api.get(`/api/services/${service.id}/availability?from=${day(0)}&to=${day(3)}`);
      expect(reply.body).toEqual([
        { date: day(0), capacity: 10, booked: 0, remaining: 10 },
        { date: day(1), capacity: 10, booked: 5, remaining: 5 },
        { date: day(2), capacity: 10, booked: 10, remaining: 0 },
        { date: day(3), capacity: 10, booked: 0, remaining: 10 },
      ]);
    });
  });

  describe('POST /api/services', () => {
    it('needs services:write: anonymous 401, customer 403, manager 201', async () => {
      await expectNothingWritten(() => api.post('/api/services', VALID), 401, 'unauthorized');
      await expectNothingWritten(() => api.post('/api/services', VALID, { token: customer.accessToken }), 403, 'forbidden');
      // Authentication and permission come before validation.
      await expectNothingWritten(() => api.post('/api/services', {}), 401, 'unauthorized');
      await expectNothingWritten(() => api.post('/api/services', {}, { token: customer.accessToken }), 403, 'forbidden');
      const reply = await api.post('/api/services', VALID, { token: manager.accessToken });
      expect(reply.status).toBe(201);
    });

    it('fills the defaults: currency USD, available, empty description, null image and location', async () => {
      const reply = await api.post('/api/services', VALID, { token: manager.accessToken });
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({
        id: expect.any(Number),
        ...VALID,
        description: '',
        currency: 'USD',
        availabilityStatus: 'available',
        imageUrl: null,
        location: null,
        image: null,
        salesCloseMinutes: 0,
        cancellationCutoffHours: 0,
        createdAt: expect.stringMatching(ISO_TIMESTAMP),
        updatedAt: expect.stringMatching(ISO_TIMESTAMP),
      });
    });

    it.each([
      ['name', { name: '' }],
      ['name', { name: '   ' }],
      ['name', { name: 'x'.repeat(121) }],
      ['name', { name: 42 }],
      ['name', { name: null }],
      ['description', { description: 'x'.repeat(2001) }],
      ['description', { description: null }],
      ['category', { category: 'opera' }],
      ['category', { category: null }],
      ['priceCents', { priceCents: -1 }],
      ['priceCents', { priceCents: 12.5 }],
      ['priceCents', { priceCents: '2500' }],
      ['currency', { currency: 'usd' }],
      ['currency', { currency: 'EURO' }],
      ['currency', { currency: null }],
      ['durationMinutes', { durationMinutes: 0 }],
      ['durationMinutes', { durationMinutes: 1441 }],
      ['capacity', { capacity: 0 }],
      ['capacity', { capacity: 1.5 }],
      ['capacity', { capacity: null }],
      ['availabilityStatus', { availabilityStatus: 'maybe' }],
      ['availabilityStatus', { availabilityStatus: null }],
      ['imageUrl', { imageUrl: 'ftp://example.com/a.png' }],
      ['imageUrl', { imageUrl: 'not a url' }],
      ['location', { location: 'x'.repeat(201) }],
      ['location', { location: 7 }],
      ['colour', { colour: 'red' }],
    ])('refuses an invalid %s, naming it, and writes nothing', async (field, change) => {
      const reply = await expectNothingWritten(
        () => api.post('/api/services', { ...VALID, ...change }, { token: manager.accessToken }),
        400,
        'validation',
      );
      expect(fields(reply)).toContain(field);
      expect(new Set(fields(reply))).toEqual(new Set([field]));
    });

    it.each(['name', 'category', 'priceCents', 'durationMinutes', 'capacity'])('needs %s', async (field) => {
      const body: Record<string, unknown> = { ...VALID };
      delete body[field];
      const reply = await expectNothingWritten(() => api.post('/api/services', body, { token: manager.accessToken }), 400, 'validation');
      expect(new Set(fields(reply))).toEqual(new Set([field]));
    });

    it('accepts null image and location', async () => {
      const reply = await api.post('/api/services', { ...VALID, imageUrl: null, location: null }, { token: manager.accessToken });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ imageUrl: null, location: null });
    });
  });

  describe('PATCH and PUT /api/services/{id}', () => {
    it('changes only the fields given (PATCH and PUT alike)', async () => {
      const service = await api.service({ name: 'Before', priceCents: 1000, location: 'Old hall' });
      const patched = await api.patch(`/api/services/${service.id}`, { priceCents: 1500 }, { token: manager.accessToken });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ id: service.id, name: 'Before', priceCents: 1500, location: 'Old hall', currency: 'USD' });
      const put = await api.put(`/api/services/${service.id}`, { name: 'After', location: null }, { token: manager.accessToken });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ id: service.id, name: 'After', priceCents: 1500, location: null, capacity: service.capacity });
      expect(Object.keys(put.body).sort()).toEqual(SERVICE_KEYS);
      const empty = await api.patch(`/api/services/${service.id}`, {}, { token: manager.accessToken });
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual((await api.get(`/api/services/${service.id}`)).body);
      expect((await api.get(`/api/services/${service.id}`)).body).toMatchObject({ name: 'After', priceCents: 1500, location: null });
    });

    it('needs services:write and answers 404 for an unknown service', async () => {
      const service = await api.service();
      await expectNothingWritten(() => api.patch(`/api/services/${service.id}`, { priceCents: 1 }), 401, 'unauthorized');
      await expectNothingWritten(
        () => api.patch(`/api/services/${service.id}`, { priceCents: 1 }, { token: customer.accessToken }),
        403,
        'forbidden',
      );
      await expectNothingWritten(
        () => api.put(`/api/services/999999`, { priceCents: 1 }, { token: manager.accessToken }),
        404,
        'not-found',
      );
      await expectNothingWritten(
        () => api.patch(`/api/services/abc`, { priceCents: 1 }, { token: manager.accessToken }),
        400,
        'validation',
      );
      expect((await api.get(`/api/services/${service.id}`)).body.priceCents).toBe(2500);
    });

    it.each(['name', 'description', 'category', 'priceCents', 'currency', 'durationMinutes', 'capacity', 'availabilityStatus'])(
      'refuses null for %s with a 400 naming it (never a 500)',
      async (field) => {
        const service = await api.service();
        for (const send of [api.patch, api.put]) {
          const reply = await expectNothingWritten(
            () => send(`/api/services/${service.id}`, { [field]: null }, { token: manager.accessToken }),
            400,
            'validation',
          );
          expect(new Set(fields(reply))).toEqual(new Set([field]));
        }
      },
    );

    it('refuses invalid values and unknown fields', async () => {
      const service = await api.service();
      for (const [body, field] of [
        [{ priceCents: -5 }, 'priceCents'],
        [{ capacity: 0 }, 'capacity'],
        [{ category: 'opera' }, 'category'],
        [{ id: 5 }, 'id'],
        [{ createdAt: '2020-01-01T00:00:00Z' }, 'createdAt'],
      ] as const) {
        const reply = await expectNothingWritten(
          () => api.patch(`/api/services/${service.id}`, body, { token: manager.accessToken }),
          400,
          'validation',
        );
        expect(fields(reply)).toEqual([field]);
      }
    });

    it('refuses to lower capacity below what is booked on a day from today on, and allows exactly that', async () => {
      const service = await api.service({ capacity: 10 });
      await book(service.id, day(0), 4);
      await book(service.id, day(3), 6);
      const tooLow = await expectNothingWritten(
        () => api.patch(`/api/services/${service.id}`, { capacity: 5, priceCents: 1 }, { token: manager.accessToken }),
        409,
        'conflict',
      );
      expect(tooLow.body.detail).toContain('6');
      // Nothing of the refused update was kept.
      expect((await api.get(`/api/services/${service.id}`)).body).toMatchObject({ capacity: 10, priceCents: 2500 });
      const exact = await api.put(`/api/services/${service.id}`, { capacity: 6 }, { token: manager.accessToken });
      expect(exact.status).toBe(200);
      expect(exact.body.capacity).toBe(6);
      const availability = await api.get(`/api/services/${service.id}/availability?from=${day(3)}&to=${day(3)}`);
      expect(availability.body).toEqual([{ date: day(3), capacity: 6, booked: 6, remaining: 0 }]);
      // Raising it again is always fine.
      expect((await api.patch(`/api/services/${service.id}`, { capacity: 20 }, { token: manager.accessToken })).status).toBe(200);
    });

    it('ignores places booked on past days when lowering capacity', async () => {
      const service = await api.service({ capacity: 10 });
      await book(service.id, day(2), 9);
      // Time travel: the booking and its day's session move into the past.
      await moveDay(api.database, service.id, day(2), day(-2));
      const reply = await api.patch(`/api/services/${service.id}`, { capacity: 1 }, { token: manager.accessToken });
      expect(reply.status).toBe(200);
      expect(reply.body.capacity).toBe(1);
    });
  });

  describe('DELETE /api/services/{id}', () => {
    it('soft deletes: 204, then hidden and 404, while its bookings stay readable', async () => {
      const name = `Doomed ${randomUUID()}`;
      const service = await api.service({ name });
      const bookingId = await book(service.id, day(4), 2);

      await expectNothingWritten(() => api.delete(`/api/services/${service.id}`), 401, 'unauthorized');
      await expectNothingWritten(() => api.delete(`/api/services/${service.id}`, { token: customer.accessToken }), 403, 'forbidden');

      const before = await api.rowCounts();
      const reply = await api.delete(`/api/services/${service.id}`, { token: manager.accessToken });
      expect(reply.status).toBe(204);
      expect(reply.body).toBe('');
      expect(await api.rowCounts()).toEqual({ ...before, audit_log: before.audit_log + 1 });
      const [row] = await api.database.query<{ deleted_at: unknown }>('SELECT deleted_at FROM services WHERE id = ?', [service.id]);
      expect(row.deleted_at).not.toBeNull();

      expectProblem(await api.get(`/api/services/${service.id}`), 404, 'not-found');
      expectProblem(await api.get(`/api/services/${service.id}/availability`), 404, 'not-found');
      expect((await api.get(`/api/services?search=${encodeURIComponent(name)}`)).body.meta.total).toBe(0);
      await expectNothingWritten(
        () => api.patch(`/api/services/${service.id}`, { priceCents: 1 }, { token: manager.accessToken }),
        404,
        'not-found',
      );
      await expectNothingWritten(() => api.delete(`/api/services/${service.id}`, { token: manager.accessToken }), 404, 'not-found');

      const booking = await api.get(`/api/bookings/${bookingId}`, { token: customer.accessToken });
      expect(booking.status).toBe(200);
      expect(booking.body).toMatchObject({ id: bookingId, serviceId: service.id, service: { id: service.id, name }, status: 'confirmed' });
      const list = await api.get(`/api/bookings?serviceId=${service.id}`, { token: admin.accessToken });
      expect(list.status).toBe(200);
      expect(list.body.data.map((entry: { id: number }) => entry.id)).toEqual([bookingId]);
    });

    it('answers 404 for an unknown service and 400 for a bad id', async () => {
      await expectNothingWritten(() => api.delete('/api/services/999999', { token: manager.accessToken }), 404, 'not-found');
      await expectNothingWritten(() => api.delete('/api/services/0', { token: manager.accessToken }), 400, 'validation');
    });
  });
});
