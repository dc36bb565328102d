// Marquee's benchmark harness: `npm run bench` (full) or `npm run bench -- --smoke` (CI).
//
// Creates its own MariaDB database, lets the built API migrate it, seeds it, starts the API and the
// baseline (bench/baseline/server.mjs), checks that both answer alike, runs S1–S8 alternately on
// both, measures cold start on SQLite and the web app's initial bundle, prints a table and writes
// bench/results/latest.md. It stops every process it started and drops its database, also on
// failure and Ctrl-C. Needs MariaDB/MySQL (BENCH_MYSQL_URL); see bench/README.md and --help.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createDatabase, CUSTOMER_PASSWORD, seed } from './lib/database.mjs';
import { checkAnswers, checkStatements, machineFacts, measureBundle, measureColdStart, runCommand } from './lib/extras.mjs';
import { elapsedSeconds, guardRun, log, onCleanup, runCleanups } from './lib/lifecycle.mjs';
import { readOptions, ROOT } from './lib/options.mjs';
import { call, freePort, Server } from './lib/processes.mjs';
import { printTable, verdicts, writeResults } from './lib/report.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';
import { startSmtpSink } from './lib/smtp-sink.mjs';

const BASELINE_SCRIPT = join(ROOT, 'bench/baseline/server.mjs');
const ADMIN = { email: 'admin@bench.test', password: 'Bench-admin-password-1' };
const LOGIN_PARALLEL = 4;

const options = readOptions();
guardRun(watchdogMs(options));
let failed = true;
try {
  await main();
  failed = false;
} catch (error) {
  log(`FAILED: ${error.stack ?? error.message}`);
} finally {
  await runCleanups();
}
process.exit(failed ? 1 : 0);

async function main() {
  log(
    `${options.smoke ? 'smoke run' : 'full run'}: ${options.scenarios.join(', ')}; ${options.durationSeconds} s × ${options.rounds} round(s) per side`,
  );
  await ensureApiBuilt();
  const runDir = await createRunDir();
  const database = await createDatabase(options.mysqlUrl, options.poolSize);
  const secret = randomBytes(32).toString('base64url');
  const mail = await startSmtpSink();
  const ticketKey = randomBytes(32).toString('base64');
  const env = { marquee: marqueeEnv(database, secret, mail.url, ticketKey), baseline: baselineEnv(database, secret, mail.url, ticketKey) };

  const marquee = await startServer('Marquee', options.apiMain, env.marquee, runDir, options.apiNodeArgs);
  const data = await seed(database.pool, { bcryptCost: options.bcryptCost });
  const baseline = await startServer('baseline', BASELINE_SCRIPT, env.baseline, runDir);
  const context = { options, pool: database.pool, data, baseline, marquee, tokens: [] };
  context.tokens = await signIn(marquee, data.customers.slice(0, options.signedInCustomers));
  context.useMarquee = async (extra) => {
    await context.marquee.stop();
    context.marquee = await startServer('Marquee', options.apiMain, { ...env.marquee, ...extra }, runDir, options.apiNodeArgs);
  };

  const parity = [
    ...(await checkAnswers(context)),
    ...(await checkStatements(context, { apiMain: options.apiMain, runDir, marqueeEnv: env.marquee, baselineEnv: env.baseline })),
  ];
  const facts = await machineFacts({ databaseVersion: database.version });
  const rows = [];
  for (const id of options.scenarios) {
    log(`--- ${id}`);
    rows.push(await SCENARIOS[id](context));
    log(`${id}: Marquee RSS ${rows.at(-1).rss.marquee?.toFixed(0)} MB`);
  }
  await Promise.all([context.marquee.stop(), baseline.stop()]);
  log(`the mail sink received ${mail.delivered()} messages`);

  const coldStart = await measureColdStart({ apiMain: options.apiMain, runDir, env: env.marquee, runs: options.coldStartRuns });
  const bundle = await measureBundle({ build: !options.smoke });
  const results = { options, facts, rows, coldStart, bundle, parity, minutes: elapsedSeconds() / 60 };
  printTable(results);
  await writeResults(options.output, results);
  log(`results written to ${relative(ROOT, options.output)}`);
  const { problems, correctnessFailed } = verdicts(results);
  if (correctnessFailed) throw new Error('S5: the hot-row contest did not confirm exactly its capacity');
  if (problems.length > 0) throw new Error(`${problems.length} scenario(s) had errors or unexpected answers (listed above)`);
}

/** Long enough for the slowest honest run of these options; it only catches a hang. */
function watchdogMs({ scenarios, warmupSeconds, rounds, durationSeconds }) {
  const perScenario = 2 * (warmupSeconds + rounds * durationSeconds) + 3 * durationSeconds + 120;
  return (scenarios.length * perScenario + 1200) * 1000;
}

async function ensureApiBuilt() {
  if (existsSync(options.apiMain)) return;
  if (!options.apiMainIsDefault) {
    throw new Error(`BENCH_API_MAIN=${options.apiMain} does not exist: build it, or unset BENCH_API_MAIN to use apps/api/dist/main.js`);
  }
  log('apps/api/dist/main.js is missing: npm run build -w libs/contracts -w apps/api');
  await runCommand('npm', ['run', 'build', '-w', 'libs/contracts', '-w', 'apps/api']);
}

/** A scratch folder for the servers' logs and the cold-start database; kept when the run fails. */
async function createRunDir() {
  const runDir = await mkdtemp(join(tmpdir(), 'marquee-bench-'));
  onCleanup(async () => {
    if (failed) log(`logs kept in ${runDir}`);
    else await rm(runDir, { recursive: true, force: true });
  });
  return runDir;
}

/** Production settings, as deploy/kubernetes/configmap.yaml has them, except where a bench needs otherwise. */
function marqueeEnv(database, secret, smtpUrl, ticketKey) {
  const unlimited = '1000000';
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    // Every booking queues a confirmation, which the dispatcher delivers to the harness's sink.
    SMTP_URL: smtpUrl,
    JWT_SECRET: secret,
    TICKET_SIGNING_KEY: ticketKey,
    // Tokens signed in at the start must outlive the whole run.
    JWT_ACCESS_TTL: '4h',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SEED_DEMO_DATA: 'false',
    BCRYPT_COST: String(options.bcryptCost),
    LOG_LEVEL: 'info',
    SWAGGER_ENABLED: 'false',
    METRICS_ENABLED: 'true',
    CATALOGUE_CACHE_SECONDS: '0',
    RATE_LIMIT_LOGIN_ACCOUNT_ADDRESS: unlimited,
    RATE_LIMIT_LOGIN_ACCOUNT: unlimited,
    RATE_LIMIT_LOGIN_ADDRESS: unlimited,
    RATE_LIMIT_REGISTER: unlimited,
    RATE_LIMIT_REFRESH: unlimited,
  };
}

function baselineEnv(database, secret, smtpUrl, ticketKey) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    BASELINE_DATABASE_URL: database.url,
    SMTP_URL: smtpUrl,
    JWT_SECRET: secret,
    TICKET_SIGNING_KEY: ticketKey,
    POOL_SIZE: String(options.poolSize),
  };
}

async function startServer(name, script, env, runDir, nodeArgs = []) {
  const server = new Server({ name, script, env: { PORT: String(await freePort()), ...env }, runDir, nodeArgs });
  const readyMs = await server.waitReady();
  log(`${name} ready on :${server.port} in ${Math.round(readyMs)} ms (pid ${server.pid}, log ${server.logFile})`);
  return server;
}

/** Access tokens of `customers`, signed in through Marquee a few at a time. */
async function signIn(marquee, customers) {
  const tokens = [];
  let next = 0;
  const worker = async () => {
    while (next < customers.length) {
      const { email } = customers[next++];
      const response = await call(`${marquee.url}/api/auth/login`, { method: 'POST', body: { email, password: CUSTOMER_PASSWORD } });
      if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
      tokens.push(response.body.accessToken);
    }
  };
  await Promise.all(Array.from({ length: LOGIN_PARALLEL }, worker));
  log(`${tokens.length} customers signed in`);
  return tokens;
}
