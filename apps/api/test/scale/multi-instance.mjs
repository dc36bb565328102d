// Three API instances sharing MariaDB and Redis behind nginx: no overbooking under concurrency,
// token revocation, login limits and catalogue cache invalidation seen by every instance at once.
//
//   MARQUEE_API_MAIN=apps/api/dist/main.js node apps/api/test/scale/multi-instance.mjs
//
// Needs MariaDB (root without password on 127.0.0.1:3306), Redis on 127.0.0.1:6379 and nginx.
import {
  ADMIN,
  API_MAIN,
  apiEnv,
  call,
  createDatabase,
  createService,
  dayFromToday,
  describe,
  expect,
  log,
  login,
  registerCustomers,
  runCleanups,
  runScenarios,
  startInstances,
  startNginx,
  startWatchdog,
} from './lib.mjs';

const ATTEMPTS = 200;
const CAPACITY = 50;
const PRE_BOOKED = [10, 3];
const CUSTOMERS = 40;
const LOGIN_LIMIT = 10;

startWatchdog(170_000);
const begun = Date.now();
let result = { passed: 0, failed: 1 };
try {
  log(`API entry point ${API_MAIN}`);
  const database = await createDatabase('multi');
  const env = apiEnv(database, { RATE_LIMIT_LOGIN_ACCOUNT: String(LOGIN_LIMIT), CATALOGUE_CACHE_SECONDS: '60' });
  const instances = await startInstances(3, env);
  const [a, b, c] = instances;
  const nginx = await startNginx(instances.map((instance) => instance.port));
  const admin = await login(nginx.url, ADMIN.email, ADMIN.password);

  result = await runScenarios([
    [
      'a) 200 concurrent bookings for 37 free places through nginx',
      async () => {
        const service = await createService(nginx.url, admin.accessToken, { capacity: CAPACITY });
        const date = dayFromToday(10);
        for (const quantity of PRE_BOOKED) {
          const response = await call(`${nginx.url}/api/bookings`, {
            method: 'POST',
            token: admin.accessToken,
            body: { serviceId: service.id, bookingDate: date, quantity },
          });
          if (response.status !== 201) throw new Error(`pre-booking: ${describe(response)}`);
        }
        const free = CAPACITY - PRE_BOOKED.reduce((sum, q) => sum + q, 0);
        const customers = await registerCustomers(nginx.url, CUSTOMERS, 'multi-a');
        log(
          `  service ${service.id} on ${date}: capacity ${CAPACITY}, pre-booked ${CAPACITY - free}, free ${free}; ${CUSTOMERS} customers`,
        );

        const responses = await Promise.all(
          Array.from({ length: ATTEMPTS }, (_, i) =>
            call(`${nginx.url}/api/bookings`, {
              method: 'POST',
              token: customers[i % CUSTOMERS].accessToken,
              body: { serviceId: service.id, bookingDate: date, quantity: 1 },
              timeoutMs: 60_000,
            }),
          ),
        );
        const tally = {};
        const upstreams = {};
        for (const response of responses) {
          const key = describe(response);
          tally[key] = (tally[key] ?? 0) + 1;
          const upstream = response.headers?.get('x-upstream') ?? 'none';
          upstreams[upstream] = (upstreams[upstream] ?? 0) + 1;
        }
        const ids = responses.filter((r) => r.status === 201).map((r) => r.body.id);
        const soldOut = responses.filter((r) => r.status === 409 && r.body?.type === '/problems/sold-out').length;
        const serverErrors = responses.filter((r) => r.status >= 500 || r.status === 0).length;
        const [[inventory]] = await database.pool.query(
          'SELECT COALESCE(SUM(booked), 0) AS booked FROM sessions WHERE service_id = ? AND local_date = ?',
          [service.id, date],
        );
        const [[sums]] = await database.pool.query(
          "SELECT COALESCE(SUM(quantity), 0) AS confirmed, COUNT(*) AS n, COUNT(DISTINCT id) AS ids FROM bookings WHERE service_id = ? AND booking_date = ? AND status = 'confirmed'",
          [service.id, date],
        );
        const [found] = await database.pool.query('SELECT id FROM bookings WHERE id IN (?)', [ids.length ? ids : [0]]);
        const availability = await call(`${b.url}/api/services/${service.id}/availability?from=${date}&to=${date}`);
        const duplicates = ids.length - new Set(ids).size + (Number(sums.n) - Number(sums.ids));
        log(`  answers: ${JSON.stringify(tally)}; per instance: ${JSON.stringify(upstreams)}`);
        log(
          `  attempts=${ATTEMPTS} successes=${ids.length} places=${free} duplicates=${duplicates} soldOut=${soldOut} errors=${serverErrors} ` +
            `inventory.booked=${inventory?.booked} confirmedQuantities=${sums.confirmed} found=${found.length} availability.remaining=${availability.body?.[0]?.remaining}`,
        );
        expect(ids.length === free, `exactly ${free} bookings succeed (got ${ids.length})`);
        expect(soldOut === ATTEMPTS - free, `the other ${ATTEMPTS - free} answer 409 sold-out (got ${soldOut})`);
        expect(serverErrors === 0, `no 5xx or lost answers (got ${serverErrors})`);
        expect(duplicates === 0 && found.length === ids.length, `every acknowledged id exists once (found ${found.length}/${ids.length})`);
        expect(
          Number(inventory?.booked) === Number(sums.confirmed) && Number(sums.confirmed) === CAPACITY,
          `inventory booked (${inventory?.booked}) == confirmed quantities (${sums.confirmed}) == capacity (${CAPACITY})`,
        );
        expect(availability.body?.[0]?.remaining === 0, `availability on instance B shows 0 remaining`);
        expect(Object.keys(upstreams).length === 3, `nginx spread the attempts over the 3 instances`);
      },
    ],
    [
      'b) logout and refresh-token reuse are seen by every instance at once',
      async () => {
        const [customer] = await registerCustomers(a.url, 1, 'multi-b');
        const session = await login(a.url, customer.email, customer.password);
        const before = await Promise.all(instances.map((i) => call(`${i.url}/api/auth/me`, { token: session.accessToken })));
        expect(
          before.every((r) => r.status === 200),
          `access token accepted by A, B, C before logout: ${before.map((r) => r.status).join(',')}`,
        );
        const logout = await call(`${a.url}/api/auth/logout`, { method: 'POST', token: session.accessToken, body: {} });
        expect(logout.status === 204, `logout through A: ${describe(logout)}`);
        const after = await Promise.all([b, c, a].map((i) => call(`${i.url}/api/auth/me`, { token: session.accessToken })));
        expect(
          after.every((r) => r.status === 401),
          `the logged-out token is refused by B, C (and A) at once: ${after.map((r) => r.status).join(',')}`,
        );

        const family = await login(b.url, customer.email, customer.password);
        const first = await call(`${a.url}/api/auth/refresh`, { method: 'POST', body: { refreshToken: family.refreshToken } });
        expect(first.status === 200, `refresh through A: ${describe(first)}`);
        const reuse = await call(`${b.url}/api/auth/refresh`, { method: 'POST', body: { refreshToken: family.refreshToken } });
        expect(reuse.status === 401, `the spent refresh token reused on B is refused: ${describe(reuse)}`);
        const newest = await call(`${c.url}/api/auth/refresh`, { method: 'POST', body: { refreshToken: first.body.refreshToken } });
        expect(newest.status === 401, `after the reuse, the newest refresh token of the family fails on C: ${describe(newest)}`);
        const newestOnA = await call(`${a.url}/api/auth/refresh`, { method: 'POST', body: { refreshToken: first.body.refreshToken } });
        expect(newestOnA.status === 401, `and on A: ${describe(newestOnA)}`);

        // One refresh token presented on A, B and C at the same moment: one spend at most.
        const raced = await login(c.url, customer.email, customer.password);
        const together = await Promise.all(
          instances.map((i) => call(`${i.url}/api/auth/refresh`, { method: 'POST', body: { refreshToken: raced.refreshToken } })),
        );
        const winners = together.filter((r) => r.status === 200);
        log(`  one refresh token on A, B, C at once: ${together.map(describe).join(', ')}`);
        expect(
          winners.length <= 1 && together.every((r) => r.status === 200 || r.status === 401),
          `at most one concurrent refresh succeeds`,
        );
        if (winners.length === 1) {
          const winner = await call(`${a.url}/api/auth/refresh`, { method: 'POST', body: { refreshToken: winners[0].body.refreshToken } });
          expect(
            winner.status === 401,
            `the concurrent reuse revoked the family: the winner's new refresh token fails (${describe(winner)})`,
          );
        }
      },
    ],
    [
      `c) the failed-login limit of one account (${LOGIN_LIMIT}) is shared by the instances`,
      async () => {
        const [customer] = await registerCustomers(a.url, 1, 'multi-c');
        const statuses = [];
        for (let i = 0; i < LOGIN_LIMIT; i++) {
          const response = await call(`${instances[i % 3].url}/api/auth/login`, {
            method: 'POST',
            body: { email: customer.email, password: 'Wrong-password-9' },
          });
          statuses.push(`${instances[i % 3].name}:${response.status}`);
        }
        log(`  ${LOGIN_LIMIT} wrong passwords spread over A, B, C: ${statuses.join(' ')}`);
        expect(
          statuses.every((s) => s.endsWith(':401')),
          `the first ${LOGIN_LIMIT} wrong passwords answer 401`,
        );
        for (const instance of instances) {
          const response = await call(`${instance.url}/api/auth/login`, {
            method: 'POST',
            body: { email: customer.email, password: customer.password },
          });
          const retryAfter = response.headers?.get('retry-after');
          expect(
            response.status === 429 && Number(retryAfter) > 0,
            `attempt ${LOGIN_LIMIT + 1} on ${instance.name} (right password) is 429 with Retry-After: ${describe(response)}, Retry-After=${retryAfter}`,
          );
        }
      },
    ],
    [
      'd) a service write is seen by every instance on its next request (CATALOGUE_CACHE_SECONDS=60)',
      async () => {
        const service = await createService(a.url, admin.accessToken, { priceCents: 1000 });
        const read = () => Promise.all(instances.map((i) => call(`${i.url}/api/services/${service.id}`)));
        await read();
        const warm = await read();
        expect(
          warm.every((r) => r.status === 200 && r.body.priceCents === 1000),
          `all instances serve priceCents=1000: ${warm.map((r) => r.body?.priceCents).join(',')}`,
        );
        // Prove the cache is on: a change made behind the API's back is not seen while the entry lives.
        await database.pool.query('UPDATE services SET price_cents = 1111 WHERE id = ?', [service.id]);
        const cached = await read();
        log(`  after a direct SQL update to 1111: ${cached.map((r, i) => `${instances[i].name}=${r.body?.priceCents}`).join(' ')}`);
        expect(
          cached.every((r) => r.body?.priceCents === 1000),
          'the instances serve the cached entry (the cache is on)',
        );
        const patch = await call(`${a.url}/api/services/${service.id}`, {
          method: 'PATCH',
          token: admin.accessToken,
          body: { priceCents: 4200, name: `${service.name} (patched)` },
        });
        expect(patch.status === 200 && patch.body.priceCents === 4200, `PATCH through A: ${describe(patch)}`);
        const next = await Promise.all([b, c, a].map((i) => call(`${i.url}/api/services/${service.id}`)));
        log(`  next request after the PATCH: ${next.map((r, i) => `${[b, c, a][i].name}=${r.body?.priceCents}`).join(' ')}`);
        expect(
          next.every((r) => r.status === 200 && r.body.priceCents === 4200 && r.body.name.endsWith('(patched)')),
          'B, C and A serve the new price and name on their very next request',
        );
        const lists = await Promise.all(instances.map((i) => call(`${i.url}/api/services?search=${encodeURIComponent('(patched)')}`)));
        expect(
          lists.every((r) => r.status === 200 && r.body.data.some((s) => s.id === service.id && s.priceCents === 4200)),
          'the catalogue list on every instance shows the new value too',
        );
      },
    ],
    [
      `e) a concurrent burst of 30 wrong passwords over the instances gets at most ${LOGIN_LIMIT} password checks`,
      async () => {
        const [customer] = await registerCustomers(a.url, 1, 'multi-e');
        const responses = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            call(`${instances[i % 3].url}/api/auth/login`, {
              method: 'POST',
              body: { email: customer.email, password: 'Wrong-password-9' },
            }),
          ),
        );
        const tally = {};
        for (const response of responses) tally[describe(response)] = (tally[describe(response)] ?? 0) + 1;
        const checked = responses.filter((r) => r.status === 401).length;
        const limited = responses.filter((r) => r.status === 429).length;
        log(`  burst=30 passwordChecks(401)=${checked} limited(429)=${limited} limit=${LOGIN_LIMIT} answers=${JSON.stringify(tally)}`);
        expect(
          checked <= LOGIN_LIMIT && checked + limited === 30,
          `at most ${LOGIN_LIMIT} of the concurrent attempts reach the password check, the rest are 429 (${checked} reached it)`,
        );
      },
    ],
  ]);
} catch (error) {
  log(`ERROR ${error.stack ?? error.message}`);
} finally {
  await runCleanups();
}
log(`multi-instance finished in ${((Date.now() - begun) / 1000).toFixed(1)}s`);
process.stdout.write(`${result.passed} passed, ${result.failed} failed\n`);
process.exit(result.failed === 0 ? 0 : 1);
