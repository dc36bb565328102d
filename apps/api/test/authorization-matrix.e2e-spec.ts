import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, as, day, expectProblem, PASSWORD, TestApp, type Reply, type Session } from './support/test-app.js';

/**
 * Every operation of the contract × every kind of caller (people, and API keys of theirs), with the
 * expected answer worked out from the operation's `x-access` (and `x-api-keys`) and DESIGN §4. A new
 * operation joins the matrix by being in openapi.json.
 */
/** A timestamp as both databases take it in a DATETIME(3) column. */
const sqlTime = (date: Date) => date.toISOString().slice(0, 23).replace('T', ' ');

const CONTRACT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../libs/contracts/openapi.json');
/** Webhooks the matrix registers point at loopback, which the API refuses at delivery without sending anything. */
const WEBHOOK_URL = 'http://127.0.0.1:9/matrix';
const HTTP_METHODS = new Set(['get', 'put', 'post', 'patch', 'delete']);

interface Operation {
  /** `GET /api/users/{id}` */
  name: string;
  method: string;
  path: string;
  access: unknown;
  hasBody: boolean;
  needsQuery: boolean;
  /** `x-api-keys: refused`: a request made with an API key answers 403 `api-key-refused`. */
  refusesKeys: boolean;
}

interface OpenApiOperation {
  'x-access'?: unknown;
  'x-api-keys'?: unknown;
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
        refusesKeys: operation['x-api-keys'] === 'refused',
      })),
  );
}

/**
 * Ownership routes: who besides the owner gets through (`override`; nobody when there is none), and who may
 * see someone else's record without changing it (`reads`: 403 on a write instead of 404). `caller-scoped`
 * routes let every signed-in caller through and narrow the data to their own.
 */
interface Ownership {
  override?: string;
  reads?: string;
}
const OWNERSHIP: Record<string, Ownership | 'caller-scoped'> = {
  'self, or users:read': { override: 'users:read' },
  'self, or users:write': { override: 'users:write', reads: 'users:read' },
  'owner, or bookings:read:any': { override: 'bookings:read:any' },
  'owner, or bookings:write:any': { override: 'bookings:write:any', reads: 'bookings:read:any' },
  'own bookings, or all with bookings:read:any': 'caller-scoped',
  'books for the caller': 'caller-scoped',
  'own keys': 'caller-scoped',
  'owner only': {},
};

/**
 * `x-access.limit`: what the service refuses (403) to a caller the route lets through, so that no
 * permission leads to `admin`. Each is attacked by {@link ESCALATIONS}; an unknown one fails the suite.
 */
const LIMITS = {
  'grants only permissions the caller holds; a role holding a permission the caller lacks cannot be changed or deleted': 'grants',
  "role: never the caller's own, admin only by an admin, otherwise only a role whose permissions the caller holds; another account whose role holds a permission the caller lacks cannot be changed or deleted":
    'role assignment',
  'another account whose role holds a permission the caller lacks cannot be changed or deleted': 'account',
  'a key is given only permissions the caller holds': 'key grants',
} as const;
type Limit = (typeof LIMITS)[keyof typeof LIMITS];

type Rule =
  { kind: 'public' } | { kind: 'signed-in' } | { kind: 'permissions'; permissions: string[] } | { kind: 'ownership'; ownership: Ownership };

/** The operation's limit, if it declares one; one the suite does not know fails it. */
function limitOf(operation: Operation): Limit | undefined {
  const limit = (operation.access as Record<string, unknown> | undefined)?.limit;
  if (limit === undefined) return undefined;
  if (typeof limit !== 'string' || !Object.hasOwn(LIMITS, limit)) {
    throw new Error(`${operation.name} has the limit ${JSON.stringify(limit)}, unknown to this suite's LIMITS table`);
  }
  return LIMITS[limit as keyof typeof LIMITS];
}

/** The operation's access rule; anything the suite does not understand fails it (deny by default). */
function ruleOf(operation: Operation): Rule {
  if (operation.access === undefined) throw new Error(`${operation.name} has no x-access: declare who may call it`);
  // The limit narrows the rule; the rule itself is read without it.
  limitOf(operation);
  const access = { ...(operation.access as Record<string, unknown>) };
  delete access.limit;
  const shape = JSON.stringify(access);
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

/**
 * People, and API keys (`… key`): a key acts as its owner with the permissions both hold, so each key
 * identity must get exactly the answers of a person holding its expected permissions.
 */
const IDENTITIES = [
  'anonymous',
  'customer',
  'another customer',
  'manager',
  'admin',
  'custom role',
  'role keeper',
  'user writer',
  'customer key',
  'read-only admin key',
  'manager key',
  'demoted manager key',
] as const;
type IdentityName = (typeof IDENTITIES)[number];

interface Identity {
  name: IdentityName;
  permissions: ReadonlySet<string>;
  /** Acting for the customer who owns every record the matrix aims at (the customer, or their key). */
  owner: boolean;
  /** Authenticated with an API key: refused (403 `api-key-refused`) where the contract says `x-api-keys: refused`. */
  apiKey: boolean;
  /** For safe requests: one session for the whole suite (none when anonymous). */
  session?: Session;
  /**
   * For requests that change something: a session of its own, so that logging out or deleting oneself
   * harms no other case; an owner acts for `owner`, the records' fresh owner.
   */
  signIn(owner: Session): Promise<Session | undefined>;
}

/**
 * `through`, or a refusal. Authentication and declared permissions are checked before validation;
 * an ownership refusal needs the record, so it comes after.
 */
type Expected = 'through' | { status: 401 | 403 | 404; beforeValidation: boolean; kind?: 'api-key-refused' };

/** The matrix aims every request at records of the customer, who is their owner. */
function expectedAnswer(operation: Operation, rule: Rule, identity: Identity): Expected {
  if (identity.apiKey && operation.refusesKeys) return { status: 403, beforeValidation: true, kind: 'api-key-refused' };
  if (rule.kind === 'public') return 'through';
  if (identity.name === 'anonymous') return { status: 401, beforeValidation: true };
  if (rule.kind === 'signed-in') return 'through';
  const holds = (permission: string | undefined) => permission !== undefined && identity.permissions.has(permission);
  if (rule.kind === 'permissions') return rule.permissions.every(holds) ? 'through' : { status: 403, beforeValidation: true };
  if (identity.owner || holds(rule.ownership.override)) return 'through';
  return { status: holds(rule.ownership.reads) ? 403 : 404, beforeValidation: false };
}

const MANAGER_PERMISSIONS = ['bookings:read:any', 'bookings:write:any', 'services:write', 'stats:read'];
const CUSTOM_PERMISSIONS = ['bookings:read:any', 'stats:read'];
/** Custom roles one step from `admin` if a limit failed: one managing roles, one managing users. */
const KEEPER_PERMISSIONS = ['roles:manage'];
const WRITER_PERMISSIONS = ['users:write'];
/** A key of the admin for reading bookings only. */
const READ_ONLY_KEY_PERMISSIONS = ['bookings:read:any'];
/** What the manager's key keeps once its owner is moved to the custom role (the key asked for all the manager's). */
const DEMOTED_KEY_PERMISSIONS = ['bookings:read:any', 'stats:read'];
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
  let escalationRequests = 0;

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

  async function createKey(owner: Session, permissions: string[]): Promise<{ id: number; key: string }> {
    const reply = await app.post('/api/api-keys', { name: uniqueName('Matrix key'), permissions }, as(owner));
    if (reply.status !== 201) throw new Error(`API key failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  /** `owner`'s session, authenticated with a new API key of theirs instead of an access token. */
  const withKey = async (owner: Session, permissions: string[]): Promise<Session> => ({
    ...owner,
    accessToken: (await createKey(owner, permissions)).key,
  });

  /** Dated today, so that it can be both cancelled and completed. */
  async function createBooking(owner: Session): Promise<number> {
    const reply = await app.post('/api/bookings', { serviceId, bookingDate: day(0), quantity: 1 }, as(owner));
    if (reply.status !== 201) throw new Error(`booking failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.id;
  }

  /** A weekly schedule of a new service. */
  async function createSchedule(): Promise<number> {
    const body = { weekdays: [1, 4], times: ['19:30'], startsOn: day(1), endsOn: day(14) };
    const reply = await app.post(`/api/services/${await createService()}/schedules`, body, as(admin));
    if (reply.status !== 201) throw new Error(`schedule failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.schedule.id;
  }

  /** A second ticket type of a new service (so that it may be deleted). */
  async function createTicketType(): Promise<number> {
    const reply = await app.post(`/api/services/${await createService()}/ticket-types`, { name: 'Child', priceCents: 900 }, as(admin));
    if (reply.status !== 201) throw new Error(`ticket type failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.id;
  }

  /** A one-off session of a new service. */
  async function createSession(): Promise<number> {
    const reply = await app.post(`/api/services/${await createService()}/sessions`, { startsAt: `${day(3)}T18:00:00Z` }, as(admin));
    if (reply.status !== 201) throw new Error(`session failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.id;
  }

  /** A record of each kind a path id can name; a user or booking belongs to `owner`. */
  const TARGETS: Record<string, (owner: Session) => Promise<number>> = {
    users: async (owner) => owner.id,
    bookings: (owner) => createBooking(owner),
    services: () => createService(),
    'ticket-types': () => createTicketType(),
    sessions: () => createSession(),
    schedules: () => createSchedule(),
    // Holding no permission, so that every role manager may change or delete it.
    roles: async () => (await createRole([])).id,
    'api-keys': async (owner) => (await createKey(owner, [])).id,
    // A message that could not be delivered: the one kind an admin may retry.
    messages: async () => {
      await app.database.query(
        "INSERT INTO outbox (kind, recipient, payload, status, attempts, next_attempt_at) VALUES ('email-verification', 'dead@example.com', '{}', 'dead', 8, ?)",
        [sqlTime(new Date())],
      );
      return Number((await app.database.query<{ id: number }>('SELECT MAX(id) AS id FROM outbox'))[0].id);
    },
    // On loopback: refused at delivery (no WEBHOOK_ALLOW_PRIVATE_TARGETS here), so its test event answers at once.
    webhooks: async () => {
      await app.database.query("INSERT INTO webhook_endpoints (url, events, description, secret) VALUES (?, 'service.deleted', '', ?)", [
        WEBHOOK_URL,
        `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
      ]);
      return Number((await app.database.query<{ id: number }>('SELECT MAX(id) AS id FROM webhook_endpoints'))[0].id);
    },
    // A failed delivery: the kind an admin retries.
    'webhook-deliveries': async () => {
      const endpoint = await TARGETS.webhooks(customer);
      await app.database.query(
        "INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at) VALUES (?, ?, 'service.deleted', '{}', 'failed', 8, ?)",
        [endpoint, `msg_${randomUUID()}`, sqlTime(new Date())],
      );
      return Number((await app.database.query<{ id: number }>('SELECT MAX(id) AS id FROM webhook_deliveries'))[0].id);
    },
  };

  /** Valid bodies for the operations that take one. */
  /** A live token of `purpose` for a new account, as if taken from its message. */
  const accountToken = async (purpose: string): Promise<string> => {
    const account = await app.customer('Token Holder');
    const token = randomUUID();
    await app.database.query('INSERT INTO account_tokens (user_id, purpose, token_hash, email, expires_at) VALUES (?, ?, ?, ?, ?)', [
      account.id,
      purpose,
      createHash('sha256').update(token).digest('hex'),
      account.email,
      sqlTime(new Date(Date.now() + 600_000)),
    ]);
    return token;
  };

  const BODIES: Record<string, (owner: Session) => unknown> = {
    'POST /api/auth/register': () => ({ name: 'Matrix Member', email: `${uniqueName('member')}@example.com`, password: PASSWORD }),
    'POST /api/auth/login': (owner) => ({ email: owner.email, password: PASSWORD }),
    'POST /api/auth/refresh': (owner) => ({ refreshToken: owner.refreshToken }),
    'POST /api/auth/logout': () => ({}),
    'PATCH /api/auth/me': () => ({ name: 'Renamed Member' }),
    'PUT /api/users/{id}': () => ({ name: 'Renamed Member' }),
    'PATCH /api/users/{id}': () => ({ name: 'Renamed Member' }),
    'POST /api/roles': () => ({ name: uniqueName('matrix'), description: 'Made by the matrix', permissions: [] }),
    'PUT /api/roles/{id}': () => ({ description: 'Changed by the matrix' }),
    'PATCH /api/roles/{id}': () => ({ description: 'Changed by the matrix' }),
    'POST /api/services': () => ({ name: uniqueName('Show'), category: 'comedy', priceCents: 1500, durationMinutes: 60, capacity: 10 }),
    'PUT /api/services/{id}': () => ({ name: uniqueName('Renamed show') }),
    'PATCH /api/services/{id}': () => ({ name: uniqueName('Renamed show') }),
    'POST /api/bookings': () => ({ serviceId, bookingDate: day(1), quantity: 1 }),
    'POST /api/auth/verify-email': async () => ({ token: await accountToken('verify-email') }),
    'POST /api/auth/password-reset/request': (owner) => ({ email: owner.email }),
    'POST /api/auth/password-reset': async () => ({ token: await accountToken('password-reset'), newPassword: 'Matrix-pass-1' }),
    'POST /api/services/{id}/ticket-types': () => ({ name: 'Concession', priceCents: 700 }),
    'PATCH /api/ticket-types/{id}': () => ({ name: 'Renamed ticket' }),
    'POST /api/services/{id}/sessions': () => ({ startsAt: `${day(4)}T18:00:00Z` }),
    'PATCH /api/sessions/{id}': () => ({ capacity: 5 }),
    'POST /api/api-keys': () => ({ name: uniqueName('Matrix key'), permissions: [] }),
    'POST /api/webhooks': () => ({ url: WEBHOOK_URL, events: ['booking.created'], description: 'Made by the matrix' }),
    'PATCH /api/webhooks/{id}': () => ({ description: 'Changed by the matrix' }),
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
    const owner = fresh ? await app.customer('Casey Customer') : customer;
    const caller = fresh ? await identity.signIn(owner) : identity.session;
    const path = await pathFor(operation, owner, fresh);
    const reply = await send(operation.method, path, caller, await BODIES[operation.name]?.(owner));
    const problems: string[] = [];
    const got = `${reply.status} ${JSON.stringify(reply.body).slice(0, 160)}`;

    if (expected === 'through') {
      const success = reply.status >= 200 && reply.status < 300;
      const refused = [401, 403, 404].includes(reply.status);
      if (knowsValidRequest(operation) ? !success : refused) problems.push(`${identity.name}: expected to get through, got ${got}`);
      return problems;
    }
    if (!hasProblemType(reply, expected.status, expected.kind)) problems.push(`${identity.name}: expected ${expected.status}, got ${got}`);
    if (!expected.beforeValidation) return problems;

    invalidInputRequests += 1;
    const invalid = await send(operation.method, operation.path.replace(/\{[^}]+\}/g, INVALID_ID), caller, bodyToBreak(operation));
    if (!hasProblemType(invalid, expected.status, expected.kind)) {
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
    const keeper = await app.withRole((await createRole(KEEPER_PERMISSIONS)).name);
    const writer = await app.withRole((await createRole(WRITER_PERMISSIONS)).name);
    // Its key keeps asking for every permission of a manager after the owner is moved to the custom role.
    const demoted = await app.withRole('manager');
    const demotedKey = await withKey(demoted, MANAGER_PERMISSIONS);
    const moved = await app.patch(`/api/users/${demoted.id}`, { role: customRole.name }, as(admin));
    if (moved.status !== 200) throw new Error(`role change failed: ${moved.status} ${JSON.stringify(moved.body)}`);
    serviceId = await createService();
    await createBooking(customer);
    await createBooking(anotherCustomer);

    const signIn =
      (email: string, password = PASSWORD) =>
      () =>
        app.login(email, password);
    // A key is never revoked by a case (no route lets a key sign out), so one serves every case.
    const sameKey = (key: Session) => async () => key;
    const sessions: Record<IdentityName, [Session | undefined, (owner: Session) => Promise<Session | undefined>]> = {
      anonymous: [undefined, async () => undefined],
      customer: [customer, async (owner) => owner],
      'another customer': [anotherCustomer, () => app.customer('Olive Other')],
      manager: [manager, signIn(manager.email)],
      admin: [admin, signIn(ADMIN.email, ADMIN.password)],
      'custom role': [custom, signIn(custom.email)],
      'role keeper': [keeper, signIn(keeper.email)],
      'user writer': [writer, signIn(writer.email)],
      'customer key': [await withKey(customer, []), (owner) => withKey(owner, [])],
      'read-only admin key': [await withKey(admin, READ_ONLY_KEY_PERMISSIONS), sameKey(await withKey(admin, READ_ONLY_KEY_PERMISSIONS))],
      'manager key': [await withKey(manager, MANAGER_PERMISSIONS), sameKey(await withKey(manager, MANAGER_PERMISSIONS))],
      'demoted manager key': [demotedKey, sameKey(demotedKey)],
    };
    // A key's answers are expected from the permissions it should have (the key's and its owner's
    // role's together), never from what the API says it has: a key acting beyond them fails every case.
    const keyPermissions: Partial<Record<IdentityName, string[]>> = {
      'customer key': [],
      'read-only admin key': READ_ONLY_KEY_PERMISSIONS,
      'manager key': MANAGER_PERMISSIONS,
      'demoted manager key': DEMOTED_KEY_PERMISSIONS,
    };
    for (const name of IDENTITIES) {
      const [session, signInAgain] = sessions[name];
      const permissions = keyPermissions[name] ?? (session ? (await app.get('/api/auth/me', as(session))).body.permissions : []);
      const owner = name === 'customer' || name === 'customer key';
      identities.set(name, {
        name,
        session,
        permissions: new Set(permissions),
        owner,
        apiKey: name in keyPermissions,
        signIn: signInAgain,
      });
    }
  });

  afterAll(async () => {
    const cases = operations.length * IDENTITIES.length;
    process.stdout.write(
      `authorization matrix: ${operations.length} operations × ${IDENTITIES.length} identities = ${cases} cases, ` +
        `${requests} requests (${invalidInputRequests} of them refusals repeated with an invalid id and body, ` +
        `${escalationRequests} attempts beyond an x-access limit)\n`,
    );
    await app?.close();
  });

  it('reads operations from the contract', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it('gives each identity the permissions of its role (a key: those that both it and its owner hold)', async () => {
    const catalogue = (await app.get('/api/roles/permissions', as(admin))).body.map((permission: { name: string }) => permission.name);
    const me = async (name: IdentityName) => (await app.get('/api/auth/me', as(identities.get(name)!.session!))).body.permissions;
    const held = async (name: IdentityName) => (name === 'anonymous' ? [] : [...(await me(name))].sort());

    expect(await held('anonymous')).toEqual([]);
    expect(await held('customer')).toEqual([]);
    expect(await held('another customer')).toEqual([]);
    expect(await held('manager')).toEqual(MANAGER_PERMISSIONS);
    expect(await held('admin')).toEqual([...catalogue].sort());
    expect(await held('custom role')).toEqual(CUSTOM_PERMISSIONS);
    expect(await held('role keeper')).toEqual(KEEPER_PERMISSIONS);
    expect(await held('user writer')).toEqual(WRITER_PERMISSIONS);
    expect(await held('customer key')).toEqual([]);
    expect(await held('read-only admin key')).toEqual(READ_ONLY_KEY_PERMISSIONS);
    expect(await held('manager key')).toEqual(MANAGER_PERMISSIONS);
    expect(await held('demoted manager key')).toEqual(DEMOTED_KEY_PERMISSIONS);
  });

  it.each(operations)('$name', async (operation) => {
    const rule = ruleOf(operation);
    const problems: string[] = [];
    for (const name of IDENTITIES) {
      const identity = identities.get(name)!;
      problems.push(...(await check(operation, identity, expectedAnswer(operation, rule, identity))));
    }
    expect(problems).toEqual([]);
  });

  /**
   * Every operation declaring an `x-access.limit`, attacked by every identity but the admin with
   * requests beyond the limit, each a step towards `admin`: it is refused and writes nothing, and an
   * identity the route's own rule lets through gets the limit's 403. Afterwards nobody holds more.
   */
  describe('no way up to admin', () => {
    interface Attempt {
      what: string;
      path: string;
      body?: unknown;
      /** Aimed at the caller's own account (an ownership rule lets the caller through). */
      own?: boolean;
    }
    interface Target {
      caller?: Session;
      /** The caller's role: its id and name (the customer role for the anonymous caller). */
      role: { id: number; name: string };
      catalogue: string[];
    }

    /** A role holding every permission that is not `admin`, and a fresh customer to promote. */
    const almighty = (target: Target) => createRole(target.catalogue);

    const ESCALATIONS: Record<Limit, (operation: Operation, target: Target) => Promise<Attempt[]>> = {
      grants: async (operation, { role, catalogue }) => {
        if (operation.method === 'POST') {
          return [
            { what: 'a role with every permission', path: operation.path, body: { name: uniqueName('up'), permissions: catalogue } },
            {
              what: 'a role managing roles and users',
              path: operation.path,
              body: { name: uniqueName('up'), permissions: ['roles:manage', 'users:write'] },
            },
          ];
        }
        const adminRole = (await roleNamed('admin')).id;
        const rolePath = (id: number) => operation.path.replace('{id}', String(id));
        if (operation.method === 'DELETE') {
          return [
            { what: 'delete a role holding every permission', path: rolePath((await almighty({ role, catalogue })).id) },
            { what: 'delete the admin role', path: rolePath(adminRole) },
          ];
        }
        return [
          { what: 'every permission for its own role', path: rolePath(role.id), body: { permissions: catalogue } },
          { what: 'every permission for a role holding none', path: rolePath((await createRole([])).id), body: { permissions: catalogue } },
          { what: 'change the admin role', path: rolePath(adminRole), body: { description: 'Taken over' } },
          {
            what: 'change a role holding every permission',
            path: rolePath((await almighty({ role, catalogue })).id),
            body: { description: 'Taken over' },
          },
        ];
      },
      'role assignment': async (operation, target) => {
        const userPath = (id: number) => operation.path.replace('{id}', String(id));
        const other = await app.customer('To be promoted');
        const own = target.caller?.id ?? other.id;
        const everything = (await almighty(target)).name;
        return [
          { what: 'itself admin', path: userPath(own), body: { role: 'admin' }, own: target.caller !== undefined },
          {
            what: 'itself a role holding every permission',
            path: userPath(own),
            body: { role: everything },
            own: target.caller !== undefined,
          },
          {
            what: 'itself another role',
            path: userPath(own),
            body: { role: target.role.name === 'manager' ? 'customer' : 'manager' },
            own: target.caller !== undefined,
          },
          { what: 'another user admin', path: userPath(other.id), body: { role: 'admin' } },
          { what: 'another user a role holding every permission', path: userPath(other.id), body: { role: everything } },
          { what: 'another user manager', path: userPath(other.id), body: { role: 'manager' } },
          { what: "the admin's account deactivated", path: userPath(admin.id), body: { isActive: false } },
          { what: "the admin's e-mail changed", path: userPath(admin.id), body: { email: `${uniqueName('taken')}@example.com` } },
        ];
      },
      'key grants': async (operation, { catalogue }) => [
        { what: 'a key with every permission', path: operation.path, body: { name: uniqueName('up'), permissions: catalogue } },
        {
          what: 'a key managing roles and users',
          path: operation.path,
          body: { name: uniqueName('up'), permissions: ['roles:manage', 'users:write'] },
        },
      ],
      account: async (operation) => [
        { what: "delete the admin's account", path: operation.path.replace('{id}', String(admin.id)) },
        { what: "delete a manager's account", path: operation.path.replace('{id}', String((await app.withRole('manager')).id)) },
      ],
    };

    const roleNamed = async (name: string): Promise<{ id: number; name: string; permissions: string[] }> =>
      (await app.get('/api/roles', as(admin))).body.find((role: { name: string }) => role.name === name);

    /** Whether the route's own rule (not its limit) lets `identity` make `attempt`. */
    function routeLetsThrough(operation: Operation, identity: Identity, attempt: Attempt): boolean {
      const rule = ruleOf(operation);
      if (identity.name === 'anonymous') return rule.kind === 'public';
      if (rule.kind === 'permissions') return rule.permissions.every((permission) => identity.permissions.has(permission));
      if (rule.kind === 'ownership') {
        const override = rule.ownership.override;
        return attempt.own === true || (override !== undefined && identity.permissions.has(override));
      }
      return true;
    }

    const limited = operations.filter((operation) => limitOf(operation) !== undefined);

    it('finds the limits on the routes that grant permissions, assign roles and manage accounts', () => {
      expect(limited.map((operation) => `${operation.name}: ${limitOf(operation)}`).sort()).toEqual(
        expect.arrayContaining([
          'DELETE /api/roles/{id}: grants',
          'DELETE /api/users/{id}: account',
          'PATCH /api/roles/{id}: grants',
          'PATCH /api/users/{id}: role assignment',
          'POST /api/roles: grants',
          'PUT /api/roles/{id}: grants',
          'PUT /api/users/{id}: role assignment',
          'POST /api/api-keys: key grants',
        ]),
      );
    });

    /** The admin, and the admin's key: what it may do to the admin's own account is the admin's business (the matrix above covers it). */
    const actingForTheAdmin: IdentityName[] = ['admin', 'read-only admin key'];

    it.each(limited)('$name: every step beyond the limit is refused and writes nothing', async (operation) => {
      const catalogue = (await app.get('/api/roles/permissions', as(admin))).body.map((permission: { name: string }) => permission.name);
      const problems: string[] = [];
      for (const name of IDENTITIES.filter((identity) => !actingForTheAdmin.includes(identity))) {
        const identity = identities.get(name)!;
        const roleName = identity.session ? (await app.get('/api/auth/me', as(identity.session))).body.role : 'customer';
        const role = await roleNamed(roleName);
        const attempts = await ESCALATIONS[limitOf(operation)!](operation, { caller: identity.session, role, catalogue });
        for (const attempt of attempts) {
          escalationRequests += 1;
          const before = await app.rowCounts();
          const reply = await send(operation.method, attempt.path, identity.session, attempt.body);
          const expected = routeLetsThrough(operation, identity, attempt) ? [403] : [401, 403, 404];
          const got = `${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`;
          const kind = identity.apiKey && operation.refusesKeys ? 'api-key-refused' : undefined;
          if (!expected.some((status) => hasProblemType(reply, status, kind)))
            problems.push(`${name}, ${attempt.what}: expected ${expected.join(' or ')}, got ${got}`);
          if (JSON.stringify(await app.rowCounts()) !== JSON.stringify(before))
            problems.push(`${name}, ${attempt.what}: wrote rows (${got})`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('leaves every identity with the permissions of its role, and the admin the only admin', async () => {
      for (const name of IDENTITIES.filter((identity) => identity !== 'anonymous')) {
        const identity = identities.get(name)!;
        const me = await app.get('/api/auth/me', as(identity.session!));
        expect({ name, permissions: [...me.body.permissions].sort() }).toEqual({ name, permissions: [...identity.permissions].sort() });
      }
      const admins = await app.get('/api/users?role=admin&limit=100', as(admin));
      expect(admins.body.data.map((user: { email: string }) => user.email)).toEqual([ADMIN.email]);
      const catalogue = (await app.get('/api/roles/permissions', as(admin))).body.map((permission: { name: string }) => permission.name);
      expect([...(await roleNamed('admin')).permissions].sort()).toEqual([...catalogue].sort());
    });
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

/** A problem of `status`, and of `kind` (by default the status's own: forbidden for a 403 …). */
function hasProblemType(reply: Reply, status: number, kind = PROBLEM_KINDS[status]): boolean {
  return (
    reply.status === status &&
    reply.body?.type === `/problems/${kind}` &&
    (reply.headers.get('content-type') ?? '').includes('application/problem+json')
  );
}
