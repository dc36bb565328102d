import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { as, day, PASSWORD, type Session, type TestApp } from '../test-app.js';
import type { FuzzCase } from './fuzz-cases.js';
import { define } from './fuzz-cases.js';
import type { Operation } from './openapi.js';
import { FixtureRef, RawJson, type Hints } from './schema-values.js';

/** The account the login fuzz signs in to (and locks): never the admin the other cases call as. */
export const LOGIN_ACCOUNT = 'fuzz-login@example.test';

/** The catalogue the cases book from, by `FixtureRef('service', variant)`. */
const SERVICE_VARIANTS = ['bookable', 'unavailable', 'deleted', 'sold out'] as const;

const passwords = fc
  .tuple(fc.stringMatching(/^[a-z]{4,40}$/), fc.stringMatching(/^[A-Z0-9!#%&*+,.:;=?@_~-]{4,40}$/))
  .map(([letters, others]) => `${letters}${others}`);

/**
 * Valid values the schemas cannot guess: ids of the world's records, its refresh tokens, real
 * role names, strong passwords, and the login account (so that signing in sometimes succeeds).
 */
export const WORLD_HINTS: Hints = {
  serviceId: fc
    .oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: SERVICE_VARIANTS.length - 1 }) })
    .map((variant) => new FixtureRef('service', variant)),
  userId: fc.constant(new FixtureRef('user')),
  refreshToken: fc.constant(new FixtureRef('refreshToken')),
  role: fc.constantFrom('admin', 'manager', 'customer'),
  currentPassword: fc.constant(PASSWORD),
  password: passwords,
  newPassword: passwords,
  // A few keys reused across cases: the same caller repeating one is a replay (201) or a conflict (409).
  'idempotency-key': fc.constantFrom('fuzz-key-1', 'fuzz-key-2', 'fuzz-key-3'),
  'LoginDto.email': fc.constant(LOGIN_ACCOUNT),
  'LoginDto.password': fc.oneof(fc.constant(PASSWORD), fc.string({ maxLength: 40 })),
};

const isSafe = (method: string) => method === 'GET' || method === 'HEAD';

/**
 * The records and sessions the cases run against. Shared ones (the admin, a customer, a small
 * catalogue, a few bookings) are only read; anything a case may change or destroy (a booking to
 * cancel, a user to delete, a caller who signs out or changes their password) is made fresh for it.
 */
export class FuzzWorld {
  private admin!: Session;
  private customer!: Session;
  private services: number[] = [];
  private booking = 0;

  private constructor(private readonly app: TestApp) {}

  static async create(app: TestApp): Promise<FuzzWorld> {
    const world = new FuzzWorld(app);
    world.admin = await app.admin();
    const registered = await app.post('/api/auth/register', { name: 'Fuzz Login', email: LOGIN_ACCOUNT, password: PASSWORD });
    if (registered.status !== 201) throw new Error(`the login account: ${registered.status} ${JSON.stringify(registered.body)}`);
    world.services = [
      (await app.service({ capacity: 100_000, description: 'Bookable', location: 'Hall A', imageUrl: 'https://example.com/a.png' })).id,
      (await app.service({ availabilityStatus: 'unavailable' })).id,
      (await app.service()).id,
      (await app.service({ capacity: 1 })).id,
    ];
    await world.expectStatus(app.delete(`/api/services/${world.services[2]}`, as(world.admin)), 204);
    await world.seedCustomer();
    await world.book(world.customer, world.services[3]);
    return world;
  }

  /** Who sends `fuzzCase`: nobody, the admin, the shared customer, or a fresh customer when the case may change its caller. */
  async caller(op: Operation, fuzzCase: FuzzCase): Promise<Session | undefined> {
    if (op.access === 'public') return undefined;
    if (op.access === 'permission' || (op.ownership && fuzzCase.caller === 'privileged')) return this.admin;
    return isSafe(op.method) ? this.customer : this.app.customer('Fuzz Caller');
  }

  /** `value` with every FixtureRef replaced by a record of this world (made fresh where the case may change it). */
  async resolve(value: unknown, op: Operation, caller: Session | undefined): Promise<unknown> {
    if (value instanceof FixtureRef) return this.fixture(value, op, caller);
    if (Array.isArray(value)) return Promise.all(value.map((item) => this.resolve(item, op, caller)));
    // fast-check builds some records without a prototype: any other object is a JSON object here.
    if (value && typeof value === 'object' && !(value instanceof RawJson)) {
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(value)) define(copy, key, await this.resolve((value as Record<string, unknown>)[key], op, caller));
      return copy;
    }
    return value;
  }

  /** After a shared session got a 401 (a case signed it out after all), replace it so later cases still reach the handlers. */
  async heal(caller: Session | undefined, status: number): Promise<void> {
    if (status !== 401) return;
    if (caller === this.admin) this.admin = await this.app.admin();
    if (caller === this.customer) await this.seedCustomer();
  }

  private async fixture(ref: FixtureRef, op: Operation, caller: Session | undefined): Promise<unknown> {
    switch (ref.name) {
      case 'service':
        return this.services[ref.variant];
      case 'user':
        return this.customer.id;
      case 'refreshToken':
        return caller && !this.isShared(caller) ? caller.refreshToken : (await this.app.customer('Fuzz Refresher')).refreshToken;
      case 'target':
        return this.target(op, caller);
    }
  }

  /** The record a path id names: the caller's own for an owner, a shared one to read, a fresh one to change. */
  private async target(op: Operation, caller: Session | undefined): Promise<number> {
    const resource = op.path.split('/')[2];
    const owner = caller && caller !== this.admin ? caller : undefined;
    const safe = isSafe(op.method);
    switch (resource) {
      case 'users':
        return owner?.id ?? (safe ? this.customer.id : (await this.app.customer('Fuzz Target')).id);
      case 'services':
        return safe ? this.services[0] : (await this.app.service()).id;
      case 'bookings':
        return safe ? this.booking : this.book(owner ?? this.customer);
      case 'roles':
        return safe ? 1 : this.role();
      case 'ticket-types':
        return this.ticketType();
      case 'sessions':
        return this.session();
      case 'schedules':
        return this.schedule();
      default:
        return 1;
    }
  }

  isAdmin(session: Session): boolean {
    return session === this.admin;
  }

  private isShared(session: Session): boolean {
    return session === this.admin || session === this.customer;
  }

  private async seedCustomer(): Promise<void> {
    this.customer = await this.app.customer('Fuzz Customer');
    this.booking = await this.book(this.customer);
    await this.expectStatus(this.app.post(`/api/bookings/${await this.book(this.customer)}/cancel`, {}, as(this.customer)), 200);
    await this.expectStatus(this.app.post(`/api/bookings/${await this.book(this.customer)}/complete`, {}, as(this.admin)), 200);
  }

  /** A confirmed booking for today (cancellable and completable). */
  private async book(session: Session, serviceId = this.services[0]): Promise<number> {
    const reply = await this.expectStatus(
      this.app.post('/api/bookings', { serviceId, bookingDate: day(0), quantity: 1, notes: 'fuzz' }, as(session)),
      201,
    );
    return reply.body.id;
  }

  /** A second ticket type of a new service, to change or delete. */
  private async ticketType(): Promise<number> {
    const service = (await this.app.service()).id;
    const reply = await this.expectStatus(
      this.app.post(`/api/services/${service}/ticket-types`, { name: 'Child', priceCents: 900 }, as(this.admin)),
      201,
    );
    return reply.body.id;
  }

  /** A one-off session of a new service, to change or cancel. */
  private async session(): Promise<number> {
    const service = (await this.app.service()).id;
    const reply = await this.expectStatus(
      this.app.post(`/api/services/${service}/sessions`, { startsAt: `${day(3)}T18:00:00Z` }, as(this.admin)),
      201,
    );
    return reply.body.id;
  }

  private async role(): Promise<number> {
    const name = `fuzz-${randomUUID().slice(0, 8)}`;
    const reply = await this.expectStatus(
      this.app.post('/api/roles', { name, description: 'Fuzzed', permissions: ['stats:read'] }, as(this.admin)),
      201,
    );
    return reply.body.id;
  }

  /** A weekly schedule of a new service, to change or delete. */
  private async schedule(): Promise<number> {
    const body = { weekdays: [2, 5], times: ['20:00'], startsOn: day(1), endsOn: day(21) };
    const reply = await this.expectStatus(
      this.app.post(`/api/services/${(await this.app.service()).id}/schedules`, body, as(this.admin)),
      201,
    );
    return reply.body.schedule.id;
  }

  private async expectStatus<T extends { status: number; body: any }>(sending: Promise<T>, status: number): Promise<T> {
    const reply = await sending;
    if (reply.status !== status) throw new Error(`fuzz fixture: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply;
  }
}
