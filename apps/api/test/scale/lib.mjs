// Shared helpers for the scale and fault scripts: API instances, an nginx load balancer, a fresh
// MariaDB database, HTTP calls with deadlines, and a watchdog. Plain Node ESM, no build step.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { API_MAIN, call, collectOutput, describe, freePort, login, ROOT, sleep, spawnApi, stopProcess } from '../harness/processes.mjs';
import { findNginx, nginxConfig } from '../support/nginx.mjs';

export { API_MAIN, call, describe, freePort, login, ROOT, sleep };

export const MYSQL_HOST = process.env.SCALE_MYSQL_HOST ?? '127.0.0.1';
export const REDIS_URL = process.env.SCALE_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN = { email: 'admin@scale.test', password: 'Admin-password-1' };
export const RUN_ID = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

const started = Date.now();

/** One progress line, with the seconds since the script started. */
export function log(message) {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Cleanup and the watchdog: whatever happens, the script stops itself and undoes what it started.

const cleanups = [];

/** Registers an undo step; steps run last-in first-out by `runCleanups`. */
export function onCleanup(step) {
  cleanups.push(step);
}

export async function runCleanups() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try {
      await withDeadline(Promise.resolve().then(step), 20_000, 'cleanup step');
    } catch (error) {
      log(`cleanup: ${error.message}`);
    }
  }
}

/** Stops the whole script (after cleaning up) if it runs longer than `ms`. */
export function startWatchdog(ms) {
  const timer = setTimeout(async () => {
    log(`WATCHDOG: the script ran longer than ${ms / 1000}s; stopping`);
    const hard = setTimeout(() => process.exit(3), 30_000);
    hard.unref();
    await runCleanups();
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(3);
  }, ms);
  timer.unref();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      log(`${signal}: cleaning up`);
      await runCleanups();
      process.exit(130);
    });
  }
}

export function withDeadline(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Polls `check` until it returns a truthy value; throws after `timeoutMs`. */
export async function waitFor(what, check, { timeoutMs = 15_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${last.message})` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// Processes

/** Runs a command to completion (bounded); resolves { code, stdout, stderr }. */
export function run(command, args, { timeoutMs = 30_000, allowFailure = false } = {}) {
  return new Promise((resolveRun, reject) => {
    execFile(command, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      if (code !== 0 && !allowFailure) {
        reject(new Error(`${command} ${args.join(' ')} failed (${error.code ?? error.signal}): ${String(stderr).trim()}`));
      } else resolveRun({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// MariaDB

/** A fresh database, dropped at cleanup. Returns { name, url, pool } (pool: mysql2 for checks). */
export async function createDatabase(label) {
  const name = `marquee_scale_${label}_${RUN_ID}`.replace(/[^a-z0-9_]/gi, '_').slice(0, 64);
  await run('mariadb', ['-h', MYSQL_HOST, '-uroot', '-e', `CREATE DATABASE \`${name}\``]);
  log(`database ${name} created`);
  const pool = mysql.createPool({
    host: MYSQL_HOST,
    user: 'root',
    database: name,
    connectionLimit: 4,
    connectTimeout: 5000,
    dateStrings: true,
  });
  onCleanup(async () => {
    await pool.end().catch(() => undefined);
    await run('mariadb', ['-h', MYSQL_HOST, '-uroot', '-e', `DROP DATABASE IF EXISTS \`${name}\``], { allowFailure: true });
    log(`database ${name} dropped`);
  });
  return { name, url: `mysql://root@${MYSQL_HOST}:3306/${name}`, pool };
}

// ---------------------------------------------------------------------------------------------
// API instances

let redisKeysCleaned = false;

/** Deletes the keys of this run's REDIS_PREFIX (at cleanup). */
async function cleanRedisKeys(prefix) {
  const { stdout } = await run('redis-cli', ['-u', REDIS_URL, '--scan', '--pattern', `${prefix}*`], {
    allowFailure: true,
    timeoutMs: 10_000,
  });
  const keys = stdout.split('\n').filter(Boolean);
  for (let i = 0; i < keys.length; i += 200) {
    await run('redis-cli', ['-u', REDIS_URL, 'del', ...keys.slice(i, i + 200)], { allowFailure: true, timeoutMs: 10_000 });
  }
  log(`redis: ${keys.length} keys under ${prefix} deleted`);
}

/** The environment of one API instance; `extra` overrides. */
export function apiEnv(database, extra = {}) {
  const prefix = `marquee-scale:${RUN_ID}:`;
  if (!redisKeysCleaned) {
    redisKeysCleaned = true;
    onCleanup(() => cleanRedisKeys(prefix));
  }
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_SECRET: `scale-secret-${RUN_ID}-0123456789abcdef0123456789`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SEED_DEMO_DATA: 'false',
    BCRYPT_COST: '4',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_REGISTER: '100000',
    RATE_LIMIT_REFRESH: '100000',
    RATE_LIMIT_LOGIN_ADDRESS: '100000',
    TRUST_PROXY: '1',
    ...extra,
  };
}

/** One API instance, run with exactly `env` (PORT included); its last 40 output lines are kept. */
export class Instance {
  constructor(name, port, env) {
    // cwd: a folder without a .env file, so only the environment given here counts.
    this.api = spawnApi({ name, env: { ...env, PORT: String(port) }, cwd: env.SCALE_CWD ?? tmpdir(), keepLines: 40 });
    this.name = name;
    this.port = port;
    this.url = this.api.url;
    this.child = this.api.child;
    this.exited = this.api.exited;
    this.pid = this.api.pid;
  }

  get running() {
    return this.api.running();
  }

  async waitReady(timeoutMs = 30_000) {
    const lastLines = () => this.api.output().split('\n').slice(-5).join(' | ');
    await this.api.waitReady({ timeoutMs, intervalMs: 150, callTimeoutMs: 3000, describeOutput: lastLines });
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves the exit { code, signal, ms, killed? }. */
  stop(graceMs = 10_000) {
    return this.api.stop('SIGTERM', graceMs);
  }
}

/**
 * Starts `count` instances on free ports. The first one starts alone (it runs the migrations and
 * creates the admin on the fresh database), the others together once it is ready; with `migrated`,
 * all together.
 */
export async function startInstances(count, env, { names = ['A', 'B', 'C', 'D', 'E'], migrated = false } = {}) {
  const instances = [];
  const startOne = async (index) => {
    const port = await freePort();
    const instance = new Instance(names[index] ?? `I${index}`, port, { ...env, PORT: String(port) });
    instances.push(instance);
    onCleanup(() => instance.stop(5000));
    await instance.waitReady();
    log(`instance ${instance.name} ready on :${port} (pid ${instance.pid})`);
    return instance;
  };
  if (migrated) return Promise.all(Array.from({ length: count }, (_, i) => startOne(i)));
  const first = await startOne(0);
  const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => startOne(i + 1)));
  return [first, ...rest];
}

// ---------------------------------------------------------------------------------------------
// nginx

/** nginx on a free loopback port, round-robin over `ports`; run as a child process (daemon off). */
export async function startNginx(ports) {
  let binary = findNginx();
  if (!binary) {
    log('nginx missing: apt-get install -y nginx');
    await run('apt-get', ['install', '-y', '-qq', 'nginx'], { timeoutMs: 120_000 });
    binary = '/usr/sbin/nginx';
  }
  const dir = await mkdtemp(join(tmpdir(), 'marquee-nginx-'));
  const port = await freePort();
  const config = nginxConfig(
    dir,
    `
  upstream marquee_api {
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://marquee_api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
      add_header X-Upstream $upstream_addr always;
    }
  }
`,
    { workerConnections: 2048 },
  );
  await writeFile(join(dir, 'nginx.conf'), config);
  const child = spawn(binary, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child, 40);
  onCleanup(async () => {
    await stopProcess(child, { graceMs: 5000 });
    await rm(dir, { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('nginx', async () => {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output().split('\n').join(' | ')}`);
    return (await call(`${url}/api/health`, { timeoutMs: 2000 })).status === 200;
  });
  log(`nginx on :${port} over ${ports.map((p) => `:${p}`).join(', ')} (pid ${child.pid})`);
  return { url, port, pid: child.pid, dir };
}

// ---------------------------------------------------------------------------------------------
// HTTP (call, describe and login come from the shared harness)

/** Registers `count` customers (a few at a time); resolves [{ email, password, accessToken, refreshToken, id }]. */
export async function registerCustomers(baseUrl, count, label, { parallel = 8 } = {}) {
  const customers = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const email = `${label}-${index}-${RUN_ID}@scale.test`;
      const password = 'Customer-password-1';
      const response = await call(`${baseUrl}/api/auth/register`, { method: 'POST', body: { name: `Customer ${index}`, email, password } });
      if (response.status !== 201) throw new Error(`register ${email}: ${describe(response)}`);
      customers[index] = { email, password, id: response.body.user.id, ...response.body };
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return customers;
}

export async function createService(baseUrl, adminToken, overrides = {}) {
  const body = {
    name: `Scale concert ${RUN_ID} ${randomBytes(2).toString('hex')}`,
    category: 'concert',
    priceCents: 2500,
    durationMinutes: 90,
    capacity: 50,
    ...overrides,
  };
  const response = await call(`${baseUrl}/api/services`, { method: 'POST', body, token: adminToken });
  if (response.status !== 201) throw new Error(`create service: ${describe(response)}`);
  return response.body;
}

/** `days` days after today (UTC, the default VENUE_TIMEZONE) as YYYY-MM-DD. */
export function dayFromToday(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Database checks

/**
 * Every acknowledged booking id exists exactly once, and for every service-day of `serviceIds`
 * booked == sum(confirmed quantities) <= capacity. Returns figures and a list of problems.
 */
export async function checkBookings(pool, acknowledgedIds, serviceIds) {
  const problems = [];
  const unique = new Set(acknowledgedIds);
  const duplicateAcks = acknowledgedIds.length - unique.size;
  if (duplicateAcks > 0) problems.push(`${duplicateAcks} booking ids were acknowledged twice`);
  const [rows] = await pool.query('SELECT id, COUNT(*) AS n FROM bookings WHERE service_id IN (?) GROUP BY id', [serviceIds]);
  const counts = new Map(rows.map((row) => [Number(row.id), Number(row.n)]));
  let found = 0;
  let missing = 0;
  for (const id of unique) {
    if (counts.has(id)) found++;
    else missing++;
  }
  // The same logical booking (user and Idempotency-Key) stored twice would be a duplicate too.
  const [twice] = await pool.query(
    'SELECT COUNT(*) AS n FROM (SELECT user_id, idempotency_key FROM bookings WHERE service_id IN (?) AND idempotency_key IS NOT NULL GROUP BY user_id, idempotency_key HAVING COUNT(*) > 1) AS d',
    [serviceIds],
  );
  const duplicates = rows.filter((row) => Number(row.n) > 1).length + Number(twice[0].n);
  if (missing > 0) problems.push(`${missing} acknowledged bookings are missing`);
  if (duplicates > 0) problems.push(`${duplicates} booking ids appear more than once`);
  const [days] = await pool.query(
    `SELECT se.service_id, se.local_date AS date, se.booked, se.capacity,
            (SELECT COALESCE(SUM(b.quantity), 0) FROM bookings b
              WHERE b.session_id = se.id AND b.status = 'confirmed') AS confirmed
       FROM sessions se
      WHERE se.service_id IN (?)`,
    [serviceIds],
  );
  let places = 0;
  for (const day of days) {
    const booked = Number(day.booked);
    const confirmed = Number(day.confirmed);
    places += booked;
    if (booked !== confirmed)
      problems.push(`service ${day.service_id} ${day.date}: booked=${booked} but confirmed quantities=${confirmed}`);
    if (booked > Number(day.capacity)) problems.push(`service ${day.service_id} ${day.date}: booked=${booked} > capacity=${day.capacity}`);
  }
  const [orphans] = await pool.query(
    `SELECT COUNT(*) AS n FROM bookings b WHERE b.service_id IN (?) AND b.status = 'confirmed'
       AND NOT EXISTS (SELECT 1 FROM sessions se WHERE se.id = b.session_id)`,
    [serviceIds],
  );
  if (Number(orphans[0].n) > 0) problems.push(`${orphans[0].n} confirmed bookings have no session`);
  const [total] = await pool.query('SELECT COUNT(*) AS n FROM bookings WHERE service_id IN (?)', [serviceIds]);
  return { acknowledged: unique.size, found, missing, duplicates, places, days: days.length, rows: Number(total[0].n), problems };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/** Runs named scenarios in order, printing PASS/FAIL for each and the final `N passed, M failed`. */
export async function runScenarios(scenarios, { only } = {}) {
  let passed = 0;
  let failed = 0;
  for (const [name, body] of scenarios) {
    if (only && !only.includes(name.split(' ')[0])) continue;
    const begun = Date.now();
    log(`--- ${name}`);
    try {
      await body();
      passed++;
      log(`PASS ${name} (${((Date.now() - begun) / 1000).toFixed(1)}s)`);
    } catch (error) {
      failed++;
      log(`FAIL ${name} (${((Date.now() - begun) / 1000).toFixed(1)}s): ${error.message}`);
      if (process.env.SCALE_DEBUG) log(error.stack);
    }
  }
  return { passed, failed };
}

/** Assert with figures: throws with the message when `ok` is false, logs it either way. */
export function expect(ok, message) {
  log(`  ${ok ? 'ok ' : 'NOT'} ${message}`);
  if (!ok) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------
// Load

let loads = 0; // numbers each load, so that two loads never share an Idempotency-Key

/**
 * Booking clients: `concurrency` loops, each POSTing bookings (random service, date, quantity 1–3)
 * as one of `customers`, until stopped or `maxMs` passed. Every acknowledged (201) id is recorded;
 * anything else (409, 5xx, 502 from nginx, connection errors) is not acknowledged. Each booking
 * carries an Idempotency-Key; with `retryMs` > 0 a booking that got no answer, a 5xx or a 502 is
 * sent again with the same key and body (for up to `retryMs`), as a careful client would: the
 * retry must answer the original booking if the first attempt was committed after all.
 */
export function startBookingLoad({ url, customers, serviceIds, dates, concurrency = 12, maxMs = 30_000, retryMs = 0 }) {
  const state = { attempts: 0, bookings: 0, retried: 0, unresolved: 0, ids: [], tally: {}, acknowledgedAt: [], stopped: false };
  const deadline = Date.now() + maxMs;
  const load = ++loads;
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  const worker = async (index) => {
    for (let n = 0; !state.stopped && Date.now() < deadline; n++) {
      const customer = customers[(index + n * concurrency) % customers.length];
      const body = { serviceId: pick(serviceIds), bookingDate: pick(dates), quantity: 1 + Math.floor(Math.random() * 3) };
      const key = `scale-${RUN_ID}-${load}-${index}-${n}`;
      const firstAt = Date.now();
      state.bookings++;
      for (let attempt = 1; ; attempt++) {
        state.attempts++;
        if (attempt > 1) state.retried++;
        const response = await call(`${url}/api/bookings`, {
          method: 'POST',
          token: customer.accessToken,
          headers: { 'idempotency-key': key },
          body,
          timeoutMs: 10_000,
        });
        const answer = describe(response);
        state.tally[answer] = (state.tally[answer] ?? 0) + 1;
        if (response.status === 201) {
          state.ids.push(Number(response.body.id));
          state.acknowledgedAt.push(Date.now());
          break;
        }
        const failed = response.status === 0 || response.status >= 500;
        if (!failed) {
          // After a failed attempt, only 201 or 409 tell the client what became of its booking.
          if (attempt > 1 && response.status !== 409) state.unresolved++;
          break;
        }
        if (retryMs === 0 || Date.now() - firstAt > retryMs) {
          state.unresolved++;
          break;
        }
        await sleep(Math.min(1000, 100 * attempt)); // a dependency is away: back off
      }
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i))).then(() => state);
  return {
    state,
    stop() {
      state.stopped = true;
      return withDeadline(done, retryMs + 20_000, 'booking load');
    },
  };
}

/** Polls readiness of `instances` every `intervalMs`, logging each change; stop() returns the transitions. */
export function watchReadiness(instances, { intervalMs = 200 } = {}) {
  const current = new Map();
  const transitions = [];
  let stopped = false;
  const loop = async () => {
    const deadline = Date.now() + 170_000;
    while (!stopped && Date.now() < deadline) {
      await Promise.all(
        instances.map(async (instance) => {
          const response = await call(`${instance.url}/api/health/ready`, { timeoutMs: 4000 });
          const status = response.status || response.error;
          if (current.get(instance.name) !== status) {
            current.set(instance.name, status);
            transitions.push({ instance: instance.name, status, at: Date.now() });
            log(`  readiness ${instance.name}: ${status}`);
          }
        }),
      );
      await sleep(intervalMs);
    }
  };
  const done = loop();
  return {
    current,
    transitions,
    /** Resolves when every instance's last readiness answer equals `status`, or throws after `timeoutMs`. */
    until: (status, timeoutMs) =>
      waitFor(
        `readiness ${status} on ${instances.map((i) => i.name).join(', ')}`,
        () => instances.every((i) => current.get(i.name) === status),
        {
          timeoutMs,
          intervalMs: 50,
        },
      ),
    async stop() {
      stopped = true;
      await withDeadline(done, 10_000, 'readiness watcher');
      return transitions;
    },
  };
}
