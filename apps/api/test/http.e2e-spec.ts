import { randomUUID } from 'node:crypto';
import { as, expectProblem, PASSWORD, TestApp, type Reply, type Session } from './support/test-app.js';

const PROBLEM_KEYS = ['detail', 'instance', 'status', 'title', 'type'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The exact RFC 9457 shape: type, title, status, detail, instance (and errors for validation). */
function expectProblemShape(reply: Reply, status: number, kind: string, instance: string): void {
  expectProblem(reply, status, kind);
  const keys = kind === 'validation' && reply.body.errors ? [...PROBLEM_KEYS, 'errors'].sort() : PROBLEM_KEYS;
  expect(Object.keys(reply.body).sort()).toEqual(keys);
  expect(reply.body).toEqual(
    expect.objectContaining({ type: `/problems/${kind}`, title: expect.any(String), status, detail: expect.any(String), instance }),
  );
  expect(reply.body.title.length).toBeGreaterThan(0);
  expect(reply.body.detail.length).toBeGreaterThan(0);
}

const newService = () => ({
  name: `Show ${randomUUID().slice(0, 8)}`,
  category: 'concert',
  priceCents: 2500,
  durationMinutes: 90,
  capacity: 50,
});

describe('HTTP behaviour', () => {
  let app: TestApp;
  let admin: Session;
  let customer: Session;

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await app.admin();
    customer = await app.customer();
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('problem details', () => {
    it('every kind of error is application/problem+json with type, title, status, detail and instance', async () => {
      expectProblemShape(await app.get('/api/auth/me'), 401, 'unauthorized', '/api/auth/me');
      expectProblemShape(await app.get('/api/users?page=2', as(customer)), 403, 'forbidden', '/api/users');
      expectProblemShape(await app.get('/api/users/999999', as(admin)), 404, 'not-found', '/api/users/999999');
      expectProblemShape(
        await app.post('/api/auth/register', { name: 'Dup', email: customer.email, password: PASSWORD }),
        409,
        'conflict',
        '/api/auth/register',
      );
      const invalid = await app.post('/api/auth/register', { name: '', email: 'x', password: PASSWORD });
      expectProblemShape(invalid, 400, 'validation', '/api/auth/register');
      expect(invalid.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'name', message: expect.any(String) },
          { field: 'email', message: expect.any(String) },
        ]),
      );
    });

    it('answers 404 problems for unknown routes and methods, inside and outside /api', async () => {
      const before = await app.rowCounts();
      expectProblemShape(await app.get('/api/no-such-route'), 404, 'not-found', '/api/no-such-route');
      expectProblemShape(await app.post('/api/no-such-route', { a: 1 }), 404, 'not-found', '/api/no-such-route');
      expectProblemShape(await app.get('/nothing-here?x=1'), 404, 'not-found', '/nothing-here');
      expectProblemShape(await app.delete('/api/auth/me', as(customer)), 404, 'not-found', '/api/auth/me');
      expect(await app.rowCounts()).toEqual(before);
    });
  });

  describe('request bodies', () => {
    it('answers 400 to malformed JSON and writes nothing', async () => {
      const before = await app.rowCounts();
      const reply = await app.request('POST', '/api/auth/register', {
        raw: '{"name": "Broken", ',
        headers: { 'content-type': 'application/json' },
      });
      expectProblemShape(reply, 400, 'validation', '/api/auth/register');
      const empty = await app.request('POST', '/api/auth/register', { raw: '', headers: { 'content-type': 'application/json' } });
      expectProblemShape(empty, 400, 'validation', '/api/auth/register');
      expect(await app.rowCounts()).toEqual(before);
    });

    it.each([['[]'], ['"a string"'], ['42'], ['null']])('answers 400 to the JSON body %s', async (raw) => {
      const before = await app.rowCounts();
      const reply = await app.request('POST', '/api/auth/register', { raw, headers: { 'content-type': 'application/json' } });
      expectProblemShape(reply, 400, 'validation', '/api/auth/register');
      expect(await app.rowCounts()).toEqual(before);
    });

    it('answers 415 to a text/plain or form body and writes nothing', async () => {
      const before = await app.rowCounts();
      const text = await app.request('POST', '/api/auth/register', {
        raw: JSON.stringify({ name: 'Plain', email: `plain-${randomUUID()}@example.com`, password: PASSWORD }),
        headers: { 'content-type': 'text/plain' },
      });
      expectProblemShape(text, 415, 'unsupported-media-type', '/api/auth/register');
      const form = await app.request('POST', '/api/auth/login', {
        raw: 'email=a%40b.c&password=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectProblemShape(form, 415, 'unsupported-media-type', '/api/auth/login');
      expect(await app.rowCounts()).toEqual(before);
    });

    it('answers 413 to a body over 100 kB, and accepts one just under', async () => {
      const before = await app.rowCounts();
      const big = { ...newService(), description: 'x'.repeat(101 * 1024) };
      expectProblemShape(await app.post('/api/services', big, as(admin)), 413, 'payload-too-large', '/api/services');
      expect(await app.rowCounts()).toEqual(before);

      const justUnder = await app.request('POST', '/api/auth/refresh', {
        raw: JSON.stringify({ refreshToken: 'x', padding: 'y'.repeat(99 * 1024) }),
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(justUnder, 400, 'validation');
      expect(justUnder.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'padding' })]));
    });

    it('answers 400 naming an unknown body field, and writes nothing', async () => {
      const before = await app.rowCounts();
      const reply = await app.post('/api/services', { ...newService(), soldOut: true }, as(admin));
      expectProblemShape(reply, 400, 'validation', '/api/services');
      expect(reply.body.errors).toEqual([{ field: 'soldOut', message: expect.stringContaining('soldOut') }]);
      expect(await app.rowCounts()).toEqual(before);
    });
  });

  describe('ids and query strings', () => {
    it.each([
      ['/api/services/abc', false],
      ['/api/services/0', false],
      ['/api/services/-3', false],
      ['/api/services/1e3', false],
      ['/api/services/0x10', false],
      ['/api/services/007', false],
      ['/api/services/1.0', false],
      ['/api/services/2147483648', false],
      ['/api/users/abc', true],
      ['/api/services/abc/availability', false],
      ['/api/bookings/abc', true],
    ])('answers 400 validation naming id for %s', async (path, signedIn) => {
      const reply = await app.get(path, signedIn ? as(admin) : {});
      expectProblemShape(reply, 400, 'validation', path);
      expect(reply.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
    });

    it('answers 404 for an unknown id', async () => {
      expectProblemShape(await app.get('/api/services/2147483647'), 404, 'not-found', '/api/services/2147483647');
    });

    it.each([
      ['/api/services', 'page=1&page=2', 'page', false],
      ['/api/services', 'category=concert&category=movie', 'category', false],
      ['/api/users', 'search=a&search=b', 'search', true],
      ['/api/bookings', 'status=confirmed&status=cancelled', 'status', true],
    ])('answers 400 to %s?%s, naming the repeated parameter', async (path, query, field, signedIn) => {
      const reply = await app.get(`${path}?${query}`, signedIn ? as(admin) : {});
      expectProblemShape(reply, 400, 'validation', path);
      expect(reply.body.errors).toEqual([{ field, message: expect.any(String) }]);
    });
  });

  describe('order of checks: authentication, permission, validation, resource', () => {
    it('answers 401 to anonymous and 403 to a customer on a permission route with an invalid body, 400 only to the permitted', async () => {
      const before = await app.rowCounts();
      const invalid = { name: '', capacity: -1, unknown: true };
      expectProblem(await app.post('/api/services', invalid), 401, 'unauthorized');
      expectProblem(await app.post('/api/services', invalid, as(customer)), 403, 'forbidden');
      expectProblem(await app.post('/api/services', invalid, as(admin)), 400, 'validation');

      const badRole = { name: 'Not Valid', permissions: ['nope'] };
      expectProblem(await app.post('/api/roles', badRole), 401, 'unauthorized');
      expectProblem(await app.post('/api/roles', badRole, as(customer)), 403, 'forbidden');
      expectProblem(await app.post('/api/roles', badRole, as(admin)), 400, 'validation');

      expectProblem(await app.patch('/api/roles/abc', badRole), 401, 'unauthorized');
      expectProblem(await app.patch('/api/roles/abc', badRole, as(customer)), 403, 'forbidden');
      expectProblem(await app.get('/api/users?page=0'), 401, 'unauthorized');
      expectProblem(await app.get('/api/users?page=0', as(customer)), 403, 'forbidden');
      expect(await app.rowCounts()).toEqual(before);
    });

    it('validates before looking up the resource: 400, not 404, for an invalid body on an unknown id', async () => {
      expectProblem(await app.patch('/api/users/999999', { name: '' }, as(admin)), 400, 'validation');
      expectProblem(await app.patch('/api/roles/999999', { name: 'Bad Name' }, as(admin)), 400, 'validation');
      expectProblem(await app.patch('/api/services/999999', { capacity: 0 }, as(admin)), 400, 'validation');
      expectProblem(await app.patch('/api/services/999999', { capacity: 5 }, as(admin)), 404, 'not-found');
    });

    it('an expired-looking or garbage token is 401 even on public-looking data routes that need a user', async () => {
      expectProblem(await app.get('/api/bookings', { token: 'garbage' }), 401, 'unauthorized');
      expectProblem(await app.post('/api/bookings', {}, { token: 'garbage' }), 401, 'unauthorized');
    });
  });

  describe('headers', () => {
    it('echoes a given x-request-id and generates one otherwise, errors included', async () => {
      const given = await app.get('/api/health', { headers: { 'x-request-id': 'trace-abc.123:xyz' } });
      expect(given.headers.get('x-request-id')).toBe('trace-abc.123:xyz');
      const onError = await app.get('/api/no-such-route', { headers: { 'x-request-id': 'err-42' } });
      expect(onError.headers.get('x-request-id')).toBe('err-42');

      const first = await app.get('/api/health');
      const second = await app.get('/api/health');
      expect(first.headers.get('x-request-id')).toMatch(UUID);
      expect(second.headers.get('x-request-id')).toMatch(UUID);
      expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));

      const unsafe = await app.get('/api/health', { headers: { 'x-request-id': 'has spaces and <script>' } });
      expect(unsafe.headers.get('x-request-id')).toMatch(UUID);
    });

    it('sends helmet’s security headers on every response, never X-Powered-By', async () => {
      const replies = [
        await app.get('/api/health'),
        await app.get('/api/auth/me'),
        await app.get('/api/no-such-route'),
        await app.get('/api/services/%zz'),
        await app.post('/api/auth/login', { email: 'a@b.c' }),
        await app.get('/api/auth/me', as(customer)),
      ];
      for (const reply of replies) {
        expect({
          nosniff: reply.headers.get('x-content-type-options'),
          frame: reply.headers.get('x-frame-options'),
          referrer: reply.headers.get('referrer-policy'),
          hsts: reply.headers.get('strict-transport-security'),
          dns: reply.headers.get('x-dns-prefetch-control'),
          opener: reply.headers.get('cross-origin-opener-policy'),
          resource: reply.headers.get('cross-origin-resource-policy'),
          poweredBy: reply.headers.get('x-powered-by'),
        }).toEqual({
          nosniff: 'nosniff',
          frame: 'SAMEORIGIN',
          referrer: 'no-referrer',
          hsts: expect.stringContaining('max-age='),
          dns: 'off',
          opener: 'same-origin',
          resource: 'same-origin',
          poweredBy: null,
        });
      }
    });

    it('allows the configured origin http://localhost:4200, with credentials and the exposed headers', async () => {
      const simple = await app.get('/api/health', { headers: { origin: 'http://localhost:4200' } });
      expect(simple.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
      expect(simple.headers.get('access-control-allow-credentials')).toBe('true');
      expect(simple.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('x-request-id'));

      const preflight = await app.request('OPTIONS', '/api/auth/login', {
        headers: {
          origin: 'http://localhost:4200',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
      expect(preflight.headers.get('access-control-allow-methods')).toEqual(expect.stringContaining('POST'));
    });

    it('never reflects an unlisted origin', async () => {
      for (const origin of ['http://evil.example', 'http://localhost:4201', 'http://localhost:4200.evil.example', 'null']) {
        const simple = await app.get('/api/health', { headers: { origin } });
        expect(simple.headers.get('access-control-allow-origin')).toBeNull();
        const preflight = await app.request('OPTIONS', '/api/auth/login', {
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
        expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      }
    });
  });

  describe('health and docs', () => {
    it('GET /api/health answers 200 { status: "ok" } without a token', async () => {
      const reply = await app.get('/api/health');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toEqual(expect.stringContaining('application/json'));
      expect(reply.body).toEqual({ status: 'ok' });
    });

    it('GET /api/health/ready answers 200 when the database answers', async () => {
      const reply = await app.get('/api/health/ready');
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(expect.objectContaining({ status: 'ok', info: { database: expect.objectContaining({ status: 'up' }) } }));
    });

    it('GET /docs-json answers an OpenAPI 3 document of the API', async () => {
      const reply = await app.get('/docs-json');
      expect(reply.status).toBe(200);
      expect(reply.body.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(reply.body.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
      for (const path of ['/api/auth/register', '/api/auth/login', '/api/users/{id}', '/api/roles', '/api/health', '/api/health/ready']) {
        expect(reply.body.paths).toHaveProperty([path]);
      }
      expect(reply.body.components.securitySchemes).toEqual(
        expect.objectContaining({ bearer: expect.objectContaining({ scheme: 'bearer' }) }),
      );
    });
  });

  describe('server errors', () => {
    it('a 500 body is a masked problem: no stack trace, no SQL, no driver message', async () => {
      const rename = (from: string, to: string) =>
        app.database.kind === 'mysql' ? `RENAME TABLE \`${from}\` TO \`${to}\`` : `ALTER TABLE "${from}" RENAME TO "${to}"`;
      await app.database.query(rename('services', 'services_away'));
      let reply: Reply;
      let byId: Reply;
      try {
        reply = await app.get('/api/services?search=x');
        byId = await app.get('/api/services/1');
      } finally {
        await app.database.query(rename('services_away', 'services'));
      }

      for (const [failed, instance] of [
        [reply, '/api/services'],
        [byId, '/api/services/1'],
      ] as const) {
        expect(failed.status).toBe(500);
        expect(failed.headers.get('content-type')).toEqual(expect.stringContaining('application/problem+json'));
        expect(failed.body).toEqual({
          type: '/problems/internal',
          title: expect.any(String),
          status: 500,
          detail: expect.any(String),
          instance,
        });
        const text = JSON.stringify(failed.body);
        expect(text).not.toMatch(
          /select|from |services_away|no such table|doesn't exist|sqlite|mysql|ER_|QueryFailed|Error:|\bat \w|\.js:\d+/i,
        );
      }
      expect((await app.get('/api/services')).status).toBe(200);
    });
  });
});
