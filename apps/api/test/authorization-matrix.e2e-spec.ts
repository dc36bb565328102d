import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, as, day, expectProblem, PASSWORD, TestApp, type Reply, type Session } from './support/test-app.js';

/**
 * Every operation of the contract × every kind of caller, with the expected answer worked out from the
 * operation's `x-access` and DESIGN §4. A new operation joins the matrix by being in openapi.json.
 */
const CONTRACT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../libs/contracts/openapi.json');
const HTTP_METHODS = new Set(['get', 'put', 'post', 'patch', 'delete']);

interface Operation {
  /** `GET /api/users/{id}` */
  name: string;
  method: string;
  path: string;
  access: unknown;
  hasBody: boolean;
  needsQuery: boolean;
}

interface OpenApiOperation {
  'x-access'?: unknown;
  requestBody?: unknown;
  parameters?: { in: string; required?: boolean }[];
}

function contractOperations(): Operation[] {
  const contract = JSON.parse(readFileSync(CONTRACT, 'utf8')) as { paths: Record<string, Record<string, OpenApiOperation>> };
  return Object.entries(contract.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        access: operation['x-access'],
        hasBody: operation.requestBody !== undefined,
        needsQuery: (operation.parameters ?? []).some((parameter) => parameter.in === 'query' && parameter.required),
      })),
  );
}

/**
 * Ownership routes: who besides the owner gets through (`override`), and who may see someone else's record
 * without changing it (`reads`: 403 on a write instead of 404). `caller-scoped` routes let every signed-in
 * caller through and narrow the data to their own.
 */
interface Ownership {
  override: string;
  reads?: string;
}
const OWNERSHIP: Record<string, Ownership | 'caller-scoped'> = {
  'self, or users:read': { override: 'users:read' },
  'self, or users:write': { override: 'users:write', reads: 'users:read' },
  'owner, or bookings:read:any': { override: 'bookings:read:any' },
  'owner, or bookings:write:any': { override: 'bookings:write:any', reads: 'bookings:read:any' },
  'own bookings, or all with bookings:read:any': 'caller-scoped',
  'books for the caller': 'caller-scoped',
};

type Rule =
  { kind: 'public' } | { kind: 'signed-in' } | { kind: 'permissions'; permissions: string[] } | { kind: 'ownership'; ownership: Ownership };

/** The operation's access rule; anything the suite does not understand fails it (deny by default). */
function ruleOf(operation: Operation): Rule {
  const access = operation.access as Record<string, unknown> | undefined;
  const shape = JSON.stringify(access);
  if (access === undefined) throw new Error(`${operation.name} has no x-access: declare who may call it`);
  if (shape === '{"public":true}') return { kind: 'public' };
  if (shape === '{"signedIn":true}') return { kind: 'signed-in' };
  const permissions = access.permissions;
  if (Object.keys(access).length === 1 && Array.isArray(permissions) && permissions.length > 0) {
    return { kind: 'permissions', permissions: permissions as string[] };
  }
  if (Object.keys(access).length === 2 && access.signedIn === true && typeof access.ownership === 'string') {
    const ownership = OWNERSHIP[access.ownership];
    if (!ownership)
      throw new Error(`${operation.name} has the ownership rule "${access.ownership}", unknown to this suite's OWNERSHIP table`);
    return ownership === 'caller-scoped' ? { kind: 'signed-in' } : { kind: 'ownership', ownership };
  }
  throw new Error(`${operation.name} has an x-access this suite does not understand: ${shape}`);
}

const IDENTITIES = ['anonymous', 'customer', 'another customer', 'manager', 'admin', 'custom role'] as const;
type IdentityName = (typeof IDENTITIES)[number];

interface Identity {
  name: IdentityName;
  permissions: ReadonlySet<string>;
  /** For safe requests: one session for the whole suite (none when anonymous). */
  session?: Session;
  /** For requests that change something: a session of its own, so that logging out or deleting oneself harms no other case. */
  signIn(): Promise<Session | undefined>;
}

/**
 * `through`, or a refusal. Authentication and declared permissions are checked before validation;
 * an ownership refusal needs the record, so it comes after.
 */
type Expected = 'through' | { status: 401 | 403 | 404; beforeValidation: boolean };

/** The matrix aims every request at records of the customer, who is their owner. */
function expectedAnswer(rule: Rule, identity: Identity): Expected {
  if (rule.kind === 'public') return 'through';
  if (identity.name === 'anonymous') return { status: 401, beforeValidation: true };
  if (rule.kind === 'signed-in') return 'through';
  const holds = (permission: string) => identity.permissions.has(permission);
  if (rule.kind === 'permissions') return rule.permissions.every(holds) ? 'through' : { status: 403, beforeValidation: true };
  if (identity.name === 'customer' || holds(rule.ownership.override)) return 'through';
  return { status: rule.ownership.reads && holds(rule.ownership.reads) ? 403 : 404, beforeValidation: false };
}

const MANAGER_PERMISSIONS = ['bookings:read:any', 'bookings:write:any', 'services:write', 'stats:read'];
const CUSTOM_PERMISSIONS = ['bookings:read:any', 'stats:read'];
const INVALID_ID = 'not-an-id';
const INVALID_BODY = { unexpectedField: true };

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe('authorization matrix', () => {
  const operations = contractOperations();
  let app: TestApp;
  let admin: Session;
  let customer: Session;
  let serviceId: number;
  const identities = new Map<IdentityName, Identity>();
  const sharedTargets = new Map<string, Promise<number>>();
  let requests = 0;
  let invalidInputRequests = 0;

  /** Every answer, refusals included, carries helmet's headers, no X-Powered-By, and no-store when a token was sent. */
  async function send(method: string, path: string, session: Session | undefined, body?: unknown): Promise<Reply> {
    requests += 1;
    const reply = await app.request(method, path, { token: session?.accessToken, body });
    expect({
      nosniff: reply.headers.get('x-content-type-options'),
      frame: reply.headers.get('x-frame-options'),
      poweredBy: reply.headers.get('x-powered-by'),
      cache: session ? reply.headers.get('cache-control') : 'not asked',
    }).toEqual({ nosniff: 'nosniff', frame: 'SAMEORIGIN', poweredBy: null, cache: session ? 'no-store' : 'not asked' });
    return reply;
  }

  async function createRole(permissions: string[]): Promise<{ id: number; name: string }> {
    const reply = await app.post('/api/roles', { name: uniqueName('matrix'), description: 'Made by the matrix', permissions }, as(admin));
    if (reply.status !== 201) throw new Error(`role failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  async function createService(): Promise<number> {
    const body = { name: uniqueName('Show'), category: 'concert', priceCents: 2500, durationMinutes: 90, capacity: 1000 };
    const reply = await app.post('/api/services', body, as(admin));
    if (reply.status !== 201) throw new Error(`service failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.id;
  }

  /** Dated today, so that it can be both cancelled and completed. */
  async function createBooking(owner: Session): Promise<number> {
    const reply = await app.post('/api/bookings', { serviceId, bookingDate: day(0), quantity: 1 }, as(owner));
    if (reply.status !== 201) throw new Error(`booking failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.id;
  }

  /** A record of each kind a path id can name; a user or booking belongs to `owner`. */
  const TARGETS: Record<string, (owner: Session) => Promise<number>> = {
    users: async (owner) => owner.id,
    bookings: (owner) => createBooking(owner),
    services: () => createService(),
    roles: async () => (await createRole(['stats:read'])).id,
  };

  /** Valid bodies for the operations that take one. */
  const BODIES: Record<string, (owner: Session) => unknown> = {
    'POST /api/auth/register': () => ({ name: 'Matrix Member', email: `${uniqueName('member')}@example.com`, password: PASSWORD }),
    'POST /api/auth/login': (owner) => ({ email: owner.email, password: PASSWORD }),
    'POST /api/auth/refresh': (owner) => ({ refreshToken: owner.refreshToken }),
    'POST /api/auth/logout': () => ({}),
    'PATCH /api/auth/me': () => ({ name: 'Renamed Member' }),
    'PUT /api/users/{id}': () => ({ name: 'Renamed Member' }),
    'PATCH /api/users/{id}': () => ({ name: 'Renamed Member' }),
    'POST /api/roles': () => ({ name: uniqueName('matrix'), description: 'Made by the matrix', permissions: ['stats:read'] }),
    'PUT /api/roles/{id}': () => ({ description: 'Changed by the matrix' }),
    'PATCH /api/roles/{id}': () => ({ description: 'Changed by the matrix' }),
    'POST /api/services': () => ({ name: uniqueName('Show'), category: 'comedy', priceCents: 1500, durationMinutes: 60, capacity: 10 }),
    'PUT /api/services/{id}': () => ({ name: uniqueName('Renamed show') }),
    'PATCH /api/services/{id}': () => ({ name: uniqueName('Renamed show') }),
    'POST /api/bookings': () => ({ serviceId, bookingDate: day(1), quantity: 1 }),
  };

  /** Whether the suite knows how to make a request to `operation` that should succeed. */
  const knowsValidRequest = (operation: Operation) => operation.name in BODIES || (!operation.hasBody && !operation.needsQuery);

  async function pathFor(operation: Operation, owner: Session, fresh: boolean): Promise<string> {
    const segments = operation.path.split('/');
    const resolved: string[] = [];
    for (const [index, segment] of segments.entries()) {
      if (!/^\{.+\}$/.test(segment)) {
        resolved.push(segment);
        continue;
      }
      const resource = segments[index - 1];
      const make = TARGETS[resource];
      if (segment !== '{id}' || !make)
        throw new Error(`${operation.name}: this suite cannot make a ${resource} ${segment}; add it to TARGETS`);
      if (!fresh && !sharedTargets.has(resource)) sharedTargets.set(resource, make(customer));
      resolved.push(String(await (fresh ? make(owner) : sharedTargets.get(resource))));
    }
    return resolved.join('/');
  }

  /** Sends the case's request and answers what is wrong with the reply, if anything. */
  async function check(operation: Operation, identity: Identity, expected: Expected): Promise<string[]> {
    const fresh = operation.method !== 'GET';
    const owner = fresh ? (await identities.get('customer')!.signIn())! : customer;
    const caller = !fresh ? identity.session : identity.name === 'customer' ? owner : await identity.signIn();
    const path = await pathFor(operation, owner, fresh);
    const reply = await send(operation.method, path, caller, BODIES[operation.name]?.(owner));
    const problems: string[] = [];
    const got = `${reply.status} ${JSON.stringify(reply.body).slice(0, 160)}`;

    if (expected === 'through') {
      const success = reply.status >= 200 && reply.status < 300;
      const refused = [401, 403, 404].includes(reply.status);
      if (knowsValidRequest(operation) ? !success : refused) problems.push(`${identity.name}: expected to get through, got ${got}`);
      return problems;
    }
    if (!hasProblemType(reply, expected.status)) problems.push(`${identity.name}: expected ${expected.status}, got ${got}`);
    if (!expected.beforeValidation) return problems;

    invalidInputRequests += 1;
    const invalid = await send(operation.method, operation.path.replace(/\{[^}]+\}/g, INVALID_ID), caller, bodyToBreak(operation));
    if (!hasProblemType(invalid, expected.status)) {
      problems.push(
        `${identity.name}: expected ${expected.status} before validation too, got ${invalid.status} ${JSON.stringify(invalid.body)}`,
      );
    }
    return problems;
  }

  const bodyToBreak = (operation: Operation) => (['POST', 'PUT', 'PATCH'].includes(operation.method) ? INVALID_BODY : undefined);

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await app.admin();
    customer = await app.customer('Casey Customer');
    const anotherCustomer = await app.customer('Olive Other');
    const manager = await app.withRole('manager');
    const customRole = await createRole(CUSTOM_PERMISSIONS);
    const custom = await app.withRole(customRole.name);
    serviceId = await createService();
    await createBooking(customer);
    await createBooking(anotherCustomer);

    const signIn =
      (email: string, password = PASSWORD) =>
      () =>
        app.login(email, password);
    const sessions: Record<IdentityName, [Session | undefined, () => Promise<Session | undefined>]> = {
      anonymous: [undefined, async () => undefined],
      customer: [customer, () => app.customer('Casey Customer')],
      'another customer': [anotherCustomer, () => app.customer('Olive Other')],
      manager: [manager, signIn(manager.email)],
      admin: [admin, signIn(ADMIN.email, ADMIN.password)],
      'custom role': [custom, signIn(custom.email)],
    };
    for (const name of IDENTITIES) {
      const [session, signInAgain] = sessions[name];
      const permissions = session ? (await app.get('/api/auth/me', as(session))).body.permissions : [];
      identities.set(name, { name, session, permissions: new Set(permissions), signIn: signInAgain });
    }
  });

  afterAll(async () => {
    const cases = operations.length * IDENTITIES.length;
    process.stdout.write(
      `authorization matrix: ${operations.length} operations × ${IDENTITIES.length} identities = ${cases} cases, ` +
        `${requests} requests (${invalidInputRequests} of them refusals repeated with an invalid id and body)\n`,
    );
    await app?.close();
  });

  it('reads operations from the contract', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it('gives each identity the permissions of its role', async () => {
    const catalogue = (await app.get('/api/roles/permissions', as(admin))).body.map((permission: { name: string }) => permission.name);
    const held = (name: IdentityName) => [...identities.get(name)!.permissions].sort();

    expect(held('anonymous')).toEqual([]);
    expect(held('customer')).toEqual([]);
    expect(held('another customer')).toEqual([]);
    expect(held('manager')).toEqual(MANAGER_PERMISSIONS);
    expect(held('admin')).toEqual([...catalogue].sort());
    expect(held('custom role')).toEqual(CUSTOM_PERMISSIONS);
  });

  it.each(operations)('$name', async (operation) => {
    const rule = ruleOf(operation);
    const problems: string[] = [];
    for (const name of IDENTITIES) {
      const identity = identities.get(name)!;
      problems.push(...(await check(operation, identity, expectedAnswer(rule, identity))));
    }
    expect(problems).toEqual([]);
  });

  describe('changes take effect on the very next request', () => {
    it('a custom role losing and regaining a permission', async () => {
      const role = await createRole(['stats:read']);
      const user = await app.withRole(role.name);
      expect((await app.get('/api/stats/bookings', as(user))).status).toBe(200);

      expect((await app.patch(`/api/roles/${role.id}`, { permissions: [] }, as(admin))).status).toBe(200);
      expectProblem(await app.get('/api/stats/bookings', as(user)), 403, 'forbidden');

      expect((await app.patch(`/api/roles/${role.id}`, { permissions: ['stats:read'] }, as(admin))).status).toBe(200);
      expect((await app.get('/api/stats/bookings', as(user))).status).toBe(200);
    });

    it('a user given another role, and given back the old one', async () => {
      const user = await app.customer();
      expectProblem(await app.get('/api/stats/bookings', as(user)), 403, 'forbidden');

      expect((await app.patch(`/api/users/${user.id}`, { role: 'manager' }, as(admin))).status).toBe(200);
      expect((await app.get('/api/stats/bookings', as(user))).status).toBe(200);

      expect((await app.patch(`/api/users/${user.id}`, { role: 'customer' }, as(admin))).status).toBe(200);
      expectProblem(await app.get('/api/stats/bookings', as(user)), 403, 'forbidden');
    });

    it('a user who is deactivated', async () => {
      const user = await app.withRole('manager');
      expect((await app.get('/api/stats/bookings', as(user))).status).toBe(200);

      expect((await app.patch(`/api/users/${user.id}`, { isActive: false }, as(admin))).status).toBe(200);
      expectProblem(await app.get('/api/stats/bookings', as(user)), 401, 'unauthorized');
      expectProblem(await app.get('/api/auth/me', as(user)), 401, 'unauthorized');
    });
  });
});

const PROBLEM_KINDS: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not-found' };

function hasProblemType(reply: Reply, status: number): boolean {
  return (
    reply.status === status &&
    reply.body?.type === `/problems/${PROBLEM_KINDS[status]}` &&
    (reply.headers.get('content-type') ?? '').includes('application/problem+json')
  );
}
