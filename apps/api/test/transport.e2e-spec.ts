import { as, TestApp } from './support/test-app.js';

describe('caching and documentation headers', () => {
  let api: TestApp;
  let production: TestApp;
  let productionWithDocs: TestApp;

  beforeAll(async () => {
    [api, production, productionWithDocs] = await Promise.all([
      TestApp.start(),
      TestApp.start({ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:9', ADMIN_PASSWORD: 'Prod-admin-1' }),
      TestApp.start({ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:9', ADMIN_PASSWORD: 'Prod-admin-1', SWAGGER_ENABLED: 'true' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([api?.close(), production?.close(), productionWithDocs?.close()]);
  });

  it('marks authenticated answers and every /api/auth answer no-store, and leaves the public catalogue cacheable', async () => {
    const customer = await api.customer();
    expect((await api.get('/api/auth/me', as(customer))).headers.get('cache-control')).toBe('no-store');
    expect((await api.get('/api/bookings', as(customer))).headers.get('cache-control')).toBe('no-store');
    expect((await api.get('/api/bookings/999999', as(customer))).headers.get('cache-control')).toBe('no-store');
    const login = await api.post('/api/auth/login', { email: customer.email, password: 'Sup3r-secret' });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect((await api.post('/api/auth/refresh', { refreshToken: customer.refreshToken })).headers.get('cache-control')).toBe('no-store');
    expect((await api.get('/api/services')).headers.get('cache-control')).toBeNull();
  });

  it('serves Swagger UI and the OpenAPI JSON outside production, and in production only with SWAGGER_ENABLED=true', async () => {
    expect((await api.get('/docs-json')).status).toBe(200);
    expect((await api.get('/docs')).status).toBe(200);
    expect((await production.get('/docs-json')).status).toBe(404);
    expect((await production.get('/docs')).status).toBe(404);
    expect((await production.get('/api/health')).status).toBe(200);
    expect((await productionWithDocs.get('/docs-json')).status).toBe(200);
    expect((await productionWithDocs.get('/docs')).status).toBe(200);
  });
});
