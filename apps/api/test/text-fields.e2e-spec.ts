import { randomUUID } from 'node:crypto';
import { as, day, expectFieldError, PASSWORD, TestApp, type Reply, type Session } from './support/test-app.js';

/** What no stored text may contain (NUL, other controls, bidi overrides and isolates, zero-width characters, BOM). */
const UNPRINTABLE: [string, string][] = [
  ['NUL', 'nul\u0000byte'],
  ['a bell', 'ring\u0007'],
  ['a tab', 'a\tb'],
  ['DEL', 'a\u007Fb'],
  ['a C1 control', 'a\u0085b'],
  ['a right-to-left override', '\u202Egnp.exe'],
  ['a left-to-right embedding', 'a\u202Ab'],
  ['a first-strong isolate', 'a\u2068b'],
  ['a pop directional isolate', 'a\u2069b'],
  ['a zero-width space', 'a\u200Bb'],
  ['a zero-width joiner', 'a\u200Db'],
  ['a right-to-left mark', 'a\u200Fb'],
  ['a word joiner', 'a\u2060b'],
  ['a BOM', 'na\uFEFFme'],
  ['a line separator', 'a\u2028b'],
  ['a lone surrogate', 'a\uD800b'],
];
const LINE_BREAKS: [string, string][] = [
  ['a line feed', 'first\nsecond'],
  ['a carriage return', 'first\r\nsecond'],
];
const PRINTABLE = ['Zoë Ångström-Øre', 'שלום עולם', 'Ünïcödé 😀🎭', "O'Brien & <Sons> 100%"];

/**
 * A free-text field of a request body: `send` sends `value` in it, answering the reply; `stored`
 * reads it back. Single-line fields refuse line breaks; multi-line ones keep them.
 */
interface TextField {
  name: string;
  field: string;
  multiline: boolean;
  send(value: string): Promise<Reply>;
}

describe('free-text fields take printable text only', () => {
  let app: TestApp;
  let admin: Session;
  let customer: Session;
  let serviceId: number;
  let roleId: number;
  const fields: TextField[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await app.admin();
    customer = await app.customer();
    serviceId = (await app.service({ capacity: 10_000 })).id;
    roleId = (await app.post('/api/roles', { name: `text-${randomUUID().slice(0, 8)}`, permissions: [] }, as(admin))).body.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  const email = () => `text-${randomUUID()}@example.com`;
  const service = (overrides: Record<string, unknown>) => ({
    name: `Show ${randomUUID().slice(0, 8)}`,
    category: 'concert',
    priceCents: 1000,
    durationMinutes: 60,
    capacity: 10,
    ...overrides,
  });

  fields.push(
    {
      name: 'POST /api/auth/register name',
      field: 'name',
      multiline: false,
      send: (name) => app.post('/api/auth/register', { name, email: email(), password: PASSWORD }),
    },
    { name: 'PATCH /api/auth/me name', field: 'name', multiline: false, send: (name) => app.patch('/api/auth/me', { name }, as(customer)) },
    {
      name: 'PATCH /api/users/{id} name',
      field: 'name',
      multiline: false,
      send: (name) => app.patch(`/api/users/${customer.id}`, { name }, as(admin)),
    },
    {
      name: 'PUT /api/users/{id} name',
      field: 'name',
      multiline: false,
      send: (name) => app.put(`/api/users/${customer.id}`, { name }, as(customer)),
    },
    {
      name: 'POST /api/roles description',
      field: 'description',
      multiline: true,
      send: (description) => app.post('/api/roles', { name: `text-${randomUUID().slice(0, 8)}`, description, permissions: [] }, as(admin)),
    },
    {
      name: 'PATCH /api/roles/{id} description',
      field: 'description',
      multiline: true,
      send: (description) => app.patch(`/api/roles/${roleId}`, { description }, as(admin)),
    },
    {
      name: 'POST /api/services name',
      field: 'name',
      multiline: false,
      send: (name) => app.post('/api/services', service({ name }), as(admin)),
    },
    {
      name: 'POST /api/services description',
      field: 'description',
      multiline: true,
      send: (description) => app.post('/api/services', service({ description }), as(admin)),
    },
    {
      name: 'POST /api/services location',
      field: 'location',
      multiline: false,
      send: (location) => app.post('/api/services', service({ location }), as(admin)),
    },
    {
      name: 'PATCH /api/services/{id} name',
      field: 'name',
      multiline: false,
      send: (name) => app.patch(`/api/services/${serviceId}`, { name: `${name} ${randomUUID().slice(0, 4)}` }, as(admin)),
    },
    {
      name: 'PUT /api/services/{id} description',
      field: 'description',
      multiline: true,
      send: (description) => app.put(`/api/services/${serviceId}`, { description }, as(admin)),
    },
    {
      name: 'PATCH /api/services/{id} location',
      field: 'location',
      multiline: false,
      send: (location) => app.patch(`/api/services/${serviceId}`, { location }, as(admin)),
    },
    {
      name: 'POST /api/bookings notes',
      field: 'notes',
      multiline: true,
      send: (notes) => app.post('/api/bookings', { serviceId, bookingDate: day(1), quantity: 1, notes }, as(customer)),
    },
  );

  describe.each(fields.map((field) => [field.name, field] as const))('%s', (_name, field) => {
    it.each(UNPRINTABLE)('refuses %s with a 400 naming the field, and writes nothing', async (_what, value) => {
      const before = await app.rowCounts();
      expectFieldError(await field.send(value), field.field);
      expect(await app.rowCounts()).toEqual(before);
    });

    it.each(LINE_BREAKS)(`${field.multiline ? 'keeps' : 'refuses'} %s`, async (_what, value) => {
      const reply = await field.send(value);
      if (!field.multiline) return expectFieldError(reply, field.field);
      expect(reply.status).toBeLessThan(300);
      expect(reply.body[field.field]).toBe(value);
    });

    it('keeps printable text in any script, emoji included', async () => {
      for (const value of PRINTABLE) {
        const reply = await field.send(value);
        expect({ value, success: reply.status < 300 }).toEqual({ value, success: true });
      }
    });
  });

  it('role names were printable already: their pattern refuses the same characters', async () => {
    for (const [, value] of UNPRINTABLE) {
      expectFieldError(await app.post('/api/roles', { name: `role${value}`, permissions: [] }, as(admin)), 'name');
    }
  });
});
