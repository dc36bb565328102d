// What the bench reports besides the scenarios: cold start on SQLite, the web app's initial bundle,
// the machine, and the parity of the baseline's answers and statements with Marquee's.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { dayFromToday } from './database.mjs';
import { log, sleep } from './lifecycle.mjs';
import { ROOT } from './options.mjs';
import { call, freePort, Server } from './processes.mjs';

/** Runs a command to completion; resolves { code, stdout, stderr }, rejects on failure unless `allowFailure`. */
export function runCommand(command, args, { timeoutMs = 600_000, allowFailure = false, cwd = ROOT } = {}) {
  return new Promise((resolveRun, reject) => {
    execFile(command, args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      if (code !== 0 && !allowFailure)
        reject(
          new Error(
            `${command} ${args.join(' ')} failed: ${String(stderr || stdout)
              .trim()
              .slice(-2000)}`,
          ),
        );
      else resolveRun({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Cold start

/**
 * Spawn → first 200 from /api/health/ready, on SQLite: one first start (migrations and the first
 * admin on an empty file), then `runs` restarts on the migrated file; the median of the restarts.
 */
export async function measureColdStart({ apiMain, runDir, env, runs }) {
  const database = `sqlite:${join(runDir, 'cold-start.sqlite')}`;
  const startOnce = async () => {
    const server = new Server({
      name: 'cold-start',
      script: apiMain,
      env: { ...env, DATABASE_URL: database, PORT: String(await freePort()) },
      runDir,
    });
    const readyMs = await server.waitReady(30_000, 10);
    await server.stop();
    return Math.round(readyMs);
  };
  const firstMs = await startOnce();
  const restarts = [];
  for (let run = 0; run < runs; run++) restarts.push(await startOnce());
  const sorted = [...restarts].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)];
  log(`cold start on SQLite: first start ${firstMs} ms (migrations + admin); restarts ${restarts.join(', ')} ms, median ${medianMs} ms`);
  return { firstMs, restarts, medianMs };
}

// ---------------------------------------------------------------------------------------------
// Web bundle

/** The initial JavaScript as apps/web's `npm run check:bundle` reports it (built first if missing and `build`). */
export async function measureBundle({ build }) {
  const index = join(ROOT, 'apps/web/dist/browser/index.html');
  if (!existsSync(index)) {
    if (!build) return { note: 'web app not built (npm run build -w apps/web); skipped in --smoke' };
    log('the web app is not built: npm run build -w libs/contracts -w apps/web');
    await runCommand('npm', ['run', 'build', '-w', 'libs/contracts', '-w', 'apps/web']);
  }
  const { stdout } = await runCommand('npm', ['run', '--silent', 'check:bundle'], { allowFailure: true, timeoutMs: 60_000 });
  const match = /initial JavaScript: ([\d.]+) kB gzipped \((\d+) files\), (within|OVER) the (\d+) kB budget/.exec(stdout);
  if (!match) return { note: `check:bundle printed no total: ${stdout.trim().slice(-300)}` };
  const builtAt = statSync(index).mtime.toISOString();
  const bundle = {
    kilobytes: Number(match[1]),
    files: Number(match[2]),
    withinBudget: match[3] === 'within',
    budgetKilobytes: Number(match[4]),
    builtAt,
  };
  log(`web app initial JavaScript: ${bundle.kilobytes} kB gzipped in ${bundle.files} files (budget ${bundle.budgetKilobytes} kB)`);
  return bundle;
}

// ---------------------------------------------------------------------------------------------
// Machine

export async function machineFacts({ databaseVersion }) {
  const cpus = os.cpus();
  const commit = await runCommand('git', ['rev-parse', '--short', 'HEAD'], { allowFailure: true, timeoutMs: 5000 });
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGigabytes: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    database: databaseVersion,
    commit: commit.stdout.trim() || 'unknown',
    loadAverageAtStart: os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' '),
    date: new Date().toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// Parity

/** The requests whose answers (and statements) must be the same on both sides, in this order. */
function parityProbes(context) {
  const { services, upcoming } = context.data;
  const allDay = services.find((candidate) => candidate.available && !candidate.timed);
  const timed = services.find((candidate) => candidate.timed);
  const session = upcoming.find((candidate) => candidate.serviceId === timed.id);
  const token = context.tokens[0];
  const generated = ['id', 'reference', 'createdAt', 'updatedAt'];
  const tickets = [
    { ticketTypeId: timed.adultId, quantity: 2 },
    { ticketTypeId: timed.childId, quantity: 1 },
  ];
  return [
    { name: 'GET /api/services?limit=20', path: '/api/services?limit=20' },
    { name: 'GET /api/services/{id}', path: `/api/services/${allDay.id}` },
    { name: 'GET /api/services/{unknown} (404)', path: '/api/services/987654321' },
    {
      name: 'GET /api/services/{id}/sessions (30 days)',
      path: `/api/services/${timed.id}/sessions?from=${dayFromToday(0)}&to=${dayFromToday(29)}`,
    },
    { name: 'GET /api/bookings', path: '/api/bookings', token },
    {
      name: 'POST /api/bookings by date',
      path: '/api/bookings',
      method: 'POST',
      token,
      body: { serviceId: allDay.id, bookingDate: dayFromToday(300), quantity: 2 },
      generated,
    },
    {
      name: 'POST /api/bookings of a session, two ticket types, Idempotency-Key',
      path: '/api/bookings',
      method: 'POST',
      token,
      body: { sessionId: session.id, tickets },
      generated,
      idempotent: true,
    },
  ];
}

/** The probe as sent: an `idempotent` one with an Idempotency-Key of its own, so that no side replays the other's booking. */
const sent = (probe) => (probe.idempotent ? { ...probe, headers: { 'idempotency-key': `parity-${randomUUID()}` } } : probe);

const withoutGenerated = (body, fields = []) =>
  body && typeof body === 'object' ? Object.fromEntries(Object.entries(body).filter(([key]) => !fields.includes(key))) : body;

/** The same request to both sides must get the same status and JSON (generated ids and times aside). */
export async function checkAnswers(context) {
  const mismatches = [];
  for (const probe of parityProbes(context)) {
    const [reference, marquee] = await Promise.all(
      [context.baseline, context.marquee].map((server) => call(`${server.url}${probe.path}`, { ...sent(probe), timeoutMs: 10_000 })),
    );
    const same =
      reference.status === marquee.status &&
      isDeepStrictEqual(withoutGenerated(reference.body, probe.generated), withoutGenerated(marquee.body, probe.generated));
    if (!same) {
      mismatches.push(
        `${probe.name}: baseline ${reference.status} ${JSON.stringify(reference.body).slice(0, 300)} — Marquee ${marquee.status} ${JSON.stringify(marquee.body).slice(0, 300)}`,
      );
    }
  }
  log(mismatches.length === 0 ? 'parity: the baseline answers exactly as Marquee does' : `parity: ${mismatches.length} answers differ`);
  return mismatches;
}

/**
 * Starts one traced instance of each side (bench/tools/trace-sql.mjs), sends each probe to both and
 * compares the statements each sent, values aside. The instances stop when done.
 */
export async function checkStatements(context, { apiMain, runDir, marqueeEnv, baselineEnv }) {
  const trace = ['--import', join(ROOT, 'bench/tools/trace-sql.mjs')];
  // No dispatcher or reminder poll while a probe is traced: only the wake after a commit that queued
  // a message, whose statements follow the request's.
  const hour = '3600000';
  const quiet = { MAIL_POLL_INTERVAL_MS: hour, WEBHOOK_POLL_INTERVAL_MS: hour, REMINDER_POLL_INTERVAL_MS: hour };
  const [marquee, baseline] = await Promise.all([
    (async () =>
      new Server({
        name: 'marquee-traced',
        script: apiMain,
        env: { ...marqueeEnv, ...quiet, PORT: String(await freePort()) },
        runDir,
        nodeArgs: trace,
      }))(),
    (async () =>
      new Server({
        name: 'baseline-traced',
        script: join(ROOT, 'bench/baseline/server.mjs'),
        env: { ...baselineEnv, ...quiet, PORT: String(await freePort()) },
        runDir,
        nodeArgs: trace,
      }))(),
  ]);
  await Promise.all([marquee.waitReady(), baseline.waitReady()]);
  const mismatches = [];
  try {
    for (const probe of parityProbes(context)) {
      const [ours, theirs] = [await statementsOf(baseline, probe), await statementsOf(marquee, probe)];
      const at = ours.findIndex((statement, index) => statement !== theirs[index]);
      if (at !== -1 || ours.length !== theirs.length) {
        const index = at === -1 ? Math.min(ours.length, theirs.length) : at;
        mismatches.push(
          `${probe.name}: baseline sends ${ours.length} statements, Marquee ${theirs.length}; statement ${index + 1}: ` +
            `baseline «${(ours[index] ?? '—').slice(0, 160)}» Marquee «${(theirs[index] ?? '—').slice(0, 160)}»`,
        );
      }
    }
  } finally {
    await Promise.all([marquee.stop(), baseline.stop()]);
  }
  log(
    mismatches.length === 0
      ? 'parity: the baseline sends the same SQL statements as Marquee'
      : `parity: ${mismatches.length} statement lists differ`,
  );
  return mismatches;
}

/** The outbox dispatcher's own statements: claiming due messages, reading them, marking them sent. */
const DISPATCHER = /`outbox` `row`|^UPDATE `outbox`/;
const TRANSACTION_CONTROL = /^(SET TRANSACTION|START TRANSACTION|COMMIT|ROLLBACK)\b/;

/**
 * The statements a server sent for one request, with literal values replaced by `?`: up to its last
 * statement (and the COMMIT or ROLLBACK that ends its transaction), without the outbox dispatcher's,
 * which runs after the commit that queued a message (the traced instances do not poll). The
 * dispatchers send the same statements (baseline/outbox.mjs).
 */
async function statementsOf(server, probe) {
  const before = statSync(server.logFile).size;
  await call(`${server.url}${probe.path}`, { ...sent(probe), timeoutMs: 10_000 });
  await sleep(200);
  const written = readFileSync(server.logFile).subarray(before).toString('utf8');
  const statements = written
    .split('\n')
    .filter((line) => line.startsWith('[sql] '))
    .map((line) =>
      line
        .slice(6)
        .replace(/'(?:[^'\\]|\\.)*'/g, '?')
        .replace(/\b\d+\b/g, '?'),
    );
  const own = (statement) => !DISPATCHER.test(statement) && !TRANSACTION_CONTROL.test(statement);
  const last = statements.findLastIndex(own);
  const next = statements.findIndex((statement, index) => index > last && TRANSACTION_CONTROL.test(statement));
  const end = next !== -1 && /^(COMMIT|ROLLBACK)/.test(statements[next]) ? next : last;
  return statements.slice(0, end + 1).filter((statement) => !DISPATCHER.test(statement));
}
