// S1–S8: what each scenario sends, to which side, what it expects, and its targets.
//
// Every scenario gets a `context`: { options, pool (mysql2, for setup and checks), data (seeded
// services and customers), tokens (signed-in customers), baseline, marquee (Servers), useMarquee(env) }.
// It resolves a row for the report: { id, title, reference, marquee, ratio, rss, checks, notes, problems }.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import bcrypt from 'bcrypt';
import {
  contestOutcome,
  createContestService,
  outboxDrained,
  CUSTOMER_PASSWORD,
  customerEmail,
  dayFromToday,
  passwordDigest,
  SEED,
} from './database.mjs';
import { log, sleep } from './lifecycle.mjs';
import { alternate, fire, fireAt, summarize, unexpected } from './load.mjs';

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const json = { 'content-type': 'application/json' };

// ---------------------------------------------------------------------------------------------
// What the load sends

const servicePage = () => ({ requests: [{ method: 'GET', path: '/api/services?limit=20' }] });

function randomService(context) {
  const ids = context.data.services.map((service) => service.id);
  return { requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/services/${pick(ids)}` }) }] };
}

const bearer = (context) => `Bearer ${pick(context.tokens)}`;

function ownBookings(context) {
  return {
    requests: [
      {
        method: 'GET',
        path: '/api/bookings',
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, authorization: bearer(context) } }),
      },
    ],
  };
}

/** An Idempotency-Key, new for every request, as the web app sends with each booking. */
const bookingHeaders = (context) => ({ ...json, authorization: bearer(context), 'idempotency-key': randomUUID() });

/** The two ticket lines of a booking: 1–2 Adults and one Child. */
const adultsAndChild = ({ adultId, childId }, adults) => [
  { ticketTypeId: adultId, quantity: adults },
  { ticketTypeId: childId, quantity: 1 },
];

/** Bookings spread over the timed sessions on sale (tomorrow to the horizon) of every scheduled service: 2–3 places each. */
function spreadBookings(context) {
  const sessions = context.data.upcoming;
  const services = new Map(context.data.services.map((service) => [service.id, service]));
  return {
    requests: [
      {
        method: 'POST',
        path: '/api/bookings',
        setupRequest: (request) => {
          const session = pick(sessions);
          const tickets = adultsAndChild(services.get(session.serviceId), 1 + Math.floor(Math.random() * 2));
          return { ...request, headers: bookingHeaders(context), body: JSON.stringify({ sessionId: session.id, tickets }) };
        },
      },
    ],
  };
}

/** The next 30 days of sessions of a random scheduled service (8 a day: 240 sessions). */
function sessionWindow(context) {
  const ids = context.data.services.filter((service) => service.timed).map((service) => service.id);
  const from = dayFromToday(0);
  const to = dayFromToday(29);
  return {
    requests: [
      { method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/services/${pick(ids)}/sessions?from=${from}&to=${to}` }) },
    ],
  };
}

function logins() {
  return {
    requests: [
      {
        method: 'POST',
        path: '/api/auth/login',
        setupRequest: (request) => ({
          ...request,
          headers: json,
          body: JSON.stringify({ email: customerEmail(Math.floor(Math.random() * SEED.users)), password: CUSTOMER_PASSWORD }),
        }),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Shared steps

const ratio = (marquee, reference) => (reference > 0 ? marquee / reference : NaN);

const bothSides = (context) => [
  { name: 'baseline', server: context.baseline },
  { name: 'Marquee', server: context.marquee },
];

/**
 * Baseline and Marquee alternately with the same load; the row's figures, RSS and problems.
 * `after(side, phase)`, if given, runs once each run is over.
 */
async function versusBaseline(context, { id, title, load, expected, connections = context.options.connections, after }) {
  const { options } = context;
  const result = await alternate({
    sides: bothSides(context),
    build: async (side, phase) => ({ options: { connections, ...load(context) }, after: after && (() => after(side, phase)) }),
    rounds: options.rounds,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
  });
  return rowOf(context, { id, title, reference: result.baseline, marquee: result.Marquee, expected });
}

function rowOf(context, { id, title, reference, marquee, expected }) {
  const problems = [
    ...unexpected(reference, expected).map((problem) => `baseline: ${problem}`),
    ...unexpected(marquee, expected).map((problem) => `Marquee: ${problem}`),
  ];
  return {
    id,
    title,
    reference,
    marquee,
    ratio: ratio(marquee.rps, reference.rps),
    rss: { marquee: context.marquee.residentMegabytes(), baseline: context.baseline.residentMegabytes() },
    checks: [],
    notes: [],
    problems,
  };
}

const atLeast = (row, minimum) => ({ label: `req/s ≥ ${minimum.toFixed(2)} × reference`, met: row.ratio >= minimum });

// ---------------------------------------------------------------------------------------------
// The scenarios

async function s1(context) {
  const row = await versusBaseline(context, {
    id: 'S1',
    title: 'GET /api/services?limit=20 (no cache)',
    load: servicePage,
    expected: [200],
  });
  const p99Ratio = ratio(row.marquee.p99, row.reference.p99);
  row.checks.push(atLeast(row, 0.8), { label: `p99 ≤ 1.5 × baseline (${p99Ratio.toFixed(2)}×)`, met: p99Ratio <= 1.5 });
  context.idleServicePageP99 = row.marquee.p99;
  return row;
}

async function s2(context) {
  const row = await versusBaseline(context, { id: 'S2', title: 'GET /api/services/{id} (no cache)', load: randomService, expected: [200] });
  row.checks.push(atLeast(row, 0.8));
  return row;
}

async function s3(context) {
  const title = 'GET /api/bookings as a customer';
  const row = await versusBaseline(context, { id: 'S3', title, load: ownBookings, expected: [200] });
  row.checks.push(atLeast(row, 0.7));
  return row;
}

async function s4(context) {
  const title = 'POST /api/bookings of timed sessions, two ticket types';
  const deliveries = [];
  const after = async (side, phase) => deliveries.push({ side: side.name, phase, ...(await outboxDrained(context.pool)) });
  const row = await versusBaseline(context, { id: 'S4', title, load: spreadBookings, expected: [201], after });
  row.checks.push(atLeast(row, 0.6));
  row.notes.push(...deliveryNotes(deliveries));
  return row;
}

/**
 * After each booking run the harness waits until both sides' dispatchers have delivered every
 * confirmation, so that no run pays for another's: how long the measured runs' deliveries took.
 */
function deliveryNotes(deliveries) {
  return ['baseline', 'Marquee'].map((name) => {
    const runs = deliveries.filter((delivery) => delivery.side === name && delivery.phase !== 'warm-up');
    const messages = runs.reduce((sum, run) => sum + run.messages, 0);
    const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
    return `${name}: ${messages} confirmations still undelivered at the end of its runs, delivered in ${seconds.toFixed(1)} s after them`;
  });
}

/**
 * S5: `contestConnections` connections book one timed session of `contestCapacity` places, one Adult
 * and one Child (2 places) per request, for the whole run. Each run (warm-ups included) has its own
 * fresh service and session: exactly capacity / 2 answers must be 201, every other one 409, and the
 * database must agree (the session's count, the bookings' places and their ticket lines).
 */
async function s5(context) {
  const { options, pool } = context;
  const capacity = options.contestCapacity;
  const placesPerBooking = 2;
  const contests = [];
  const deliveries = [];
  const build = async (side, phase) => {
    const contest = await createContestService(pool, capacity, `${side.name} ${phase}`);
    const body = JSON.stringify({ sessionId: contest.sessionId, tickets: adultsAndChild(contest, 1) });
    const began = Date.now();
    let confirmed = 0;
    let soldOutAfterMs;
    const onResponse = (status) => {
      if (status === 201 && ++confirmed * placesPerBooking === capacity) soldOutAfterMs = Date.now() - began;
    };
    const setupRequest = (request) => ({ ...request, headers: bookingHeaders(context), body });
    return {
      options: { connections: options.contestConnections, requests: [{ method: 'POST', path: '/api/bookings', setupRequest, onResponse }] },
      after: async (summary) => {
        const outcome = await contestOutcome(pool, contest.sessionId);
        deliveries.push({ side: side.name, phase, ...(await outboxDrained(pool)) });
        const rules = { capacity, placesPerBooking, connections: options.contestConnections, mustSellOut: phase !== 'warm-up' };
        contests.push({ side: side.name, phase, summary, outcome, soldOutAfterMs, problems: contestProblems(summary, outcome, rules) });
      },
    };
  };
  // At least 5 s, so that even a short (smoke) run sells the session out.
  const { rounds, warmupSeconds } = options;
  const result = await alternate({
    sides: bothSides(context),
    build,
    rounds,
    warmupSeconds,
    durationSeconds: Math.max(5, options.durationSeconds),
  });
  const row = rowOf(context, {
    id: 'S5',
    title: `Hot row: ${options.contestConnections} connections, one session of ${capacity} places`,
    reference: result.baseline,
    marquee: result.Marquee,
    expected: [201, 409],
  });
  const wrong = contests.filter((contest) => contest.problems.length > 0);
  for (const contest of wrong) row.problems.push(`${contest.side} ${contest.phase}: ${contest.problems.join('; ')}`);
  const measured = contests.filter((contest) => contest.phase !== 'warm-up').length;
  row.checks.push({
    label: `exactly ${capacity} places sold (${capacity / placesPerBooking} × 201), the rest 409 (${measured} measured contests; warm-ups consistent)`,
    met: wrong.length === 0,
    correctness: true,
  });
  row.checks.push(atLeast(row, 0.6));
  for (const name of ['baseline', 'Marquee']) {
    const times = contests
      .filter((contest) => contest.side === name && contest.soldOutAfterMs !== undefined)
      .map((contest) => contest.soldOutAfterMs);
    if (times.length > 0) row.notes.push(`${name} sold the ${capacity} places in ${median(times)} ms (median of ${times.length} contests)`);
  }
  row.notes.push(...deliveryNotes(deliveries));
  return row;
}

/**
 * A contest is right when the session's count, the confirmed bookings' places, their ticket lines and
 * the 201 answers agree and never exceed the capacity. A measured run must sell the session out, well
 * before its end: then exactly capacity / `placesPerBooking` answers are 201. A warm-up may stop at
 * any point, with up to one booking per connection committed but its answer not yet received.
 */
function contestProblems(summary, outcome, { capacity, placesPerBooking, connections, mustSellOut }) {
  const problems = [];
  const created = summary.statuses[201] ?? 0;
  const answered = created * placesPerBooking;
  if (outcome.booked > capacity) problems.push(`overbooked: ${outcome.booked} places taken of ${capacity}`);
  if (outcome.places !== outcome.booked || outcome.tickets !== outcome.booked || outcome.confirmed * placesPerBooking !== outcome.booked) {
    problems.push(
      `the session says ${outcome.booked} places, the bookings ${outcome.confirmed} confirmed for ${outcome.places} places with ${outcome.tickets} tickets`,
    );
  }
  if (mustSellOut && outcome.booked < capacity) {
    problems.push(`the session did not sell out within the run (${outcome.booked} of ${capacity} places): lengthen --duration`);
  } else if (mustSellOut && answered !== capacity) {
    problems.push(`${created} answers 201 (${answered} places) for ${capacity} places`);
  } else if (answered > outcome.booked || outcome.booked > answered + connections * placesPerBooking) {
    problems.push(`${created} answers 201 (${answered} places) for ${outcome.booked} places taken`);
  }
  problems.push(...unexpected(summary, [201, 409]));
  return problems;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

/**
 * The share of the bcrypt ceiling that Marquee's logins can reach: the harness's bcrypt.compare calls
 * run on libuv's pool (4 threads, or fewer cores), Marquee's on at most BCRYPT_CONCURRENCY of them
 * (default: the cores less one), which keeps a core for the other routes (bench/README.md, S6).
 */
function bcryptShare() {
  const cores = availableParallelism();
  const pool = Math.min(cores, Number(process.env.UV_THREADPOOL_SIZE) || 4);
  const marquee = Math.min(pool, Math.max(1, cores - 1));
  return { cores, pool, marquee, share: marquee / pool };
}

/**
 * S6: logins against the ceiling of bcrypt.compare measured in this process with as many calls in
 * flight as the load has connections (so the same libuv thread pool limits both), same cost; then
 * S1 at a fixed rate, idle and while logins saturate the CPU. Marquee runs at most (cores − 1)
 * bcrypt calls at once, so its target is 0.90 of that share of the ceiling.
 */
async function s6(context) {
  const { options } = context;
  const hash = context.data.hash;
  const reference = [];
  const marquee = [];
  const loginRun = async (seconds) => fireAt(context.marquee, { connections: options.connections, duration: seconds, ...logins() });
  if (options.warmupSeconds > 0) {
    await bcryptCeiling(hash, options.connections, options.warmupSeconds);
    await loginRun(options.warmupSeconds);
  }
  for (let round = 0; round < options.rounds; round++) {
    const steps = [
      async () => reference.push(await bcryptCeiling(hash, options.connections, options.durationSeconds)),
      async () => marquee.push(await loginRun(options.durationSeconds)),
    ];
    for (const step of round % 2 === 0 ? steps : steps.reverse()) await step();
    const ceiling = reference.at(-1);
    const logged = summarize([marquee.at(-1)]);
    log(
      `  round ${round + 1} bcrypt.compare ceiling ${(ceiling.requests / ceiling.seconds).toFixed(1)}/s, Marquee logins ${logged.rps.toFixed(1)}/s`,
    );
  }
  const row = rowOf(context, {
    id: 'S6',
    title: `POST /api/auth/login (bcrypt cost ${options.bcryptCost}) vs bcrypt.compare ceiling`,
    reference: mergeCeilings(reference),
    marquee: summarize(marquee),
    expected: [200],
  });
  row.referenceName = 'bcrypt.compare ceiling';
  const bcrypt = bcryptShare();
  row.checks.push(atLeast(row, 0.9 * bcrypt.share));
  row.notes.push(
    `${bcrypt.cores} cores; the ceiling runs ${bcrypt.pool} bcrypt calls at once, Marquee at most ${bcrypt.marquee} (BCRYPT_CONCURRENCY default, cores − 1): target 0.90 × ${bcrypt.marquee}/${bcrypt.pool}`,
  );
  const probe = await latencyUnderLogins(context, loginRun);
  row.checks.push({
    label: `S1 p99 while logins saturate the CPU ≤ 2 × idle (${probe.idle.p99} → ${probe.loaded.p99} ms, ${probe.ratio.toFixed(2)}×)`,
    met: probe.ratio <= 2,
  });
  row.notes.push(
    `S1 probe at ${options.latencyProbeRate} req/s over ${options.latencyProbeConnections} connections: idle p50 ${probe.idle.p50} ms / p99 ${probe.idle.p99} ms; ` +
      `during logins p50 ${probe.loaded.p50} ms / p99 ${probe.loaded.p99} ms (${probe.loaded.rps.toFixed(0)} req/s answered)`,
  );
  row.problems.push(...unexpected(probe.loaded, [200]).map((problem) => `S1 probe: ${problem}`));
  return row;
}

/** bcrypt.compare of the seeded password against the seeded hash, `concurrency` calls in flight. */
async function bcryptCeiling(hash, concurrency, seconds) {
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  const began = performance.now();
  const worker = async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      if (!(await bcrypt.compare(passwordDigest(CUSTOMER_PASSWORD), hash))) throw new Error('the seeded hash does not match the password');
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { requests: latencies.length, seconds: (performance.now() - began) / 1000, latencies };
}

function mergeCeilings(runs) {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const at = (quantile) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? 0);
  return { requests, seconds, rps: requests / seconds, p50: at(0.5), p99: at(0.99), statuses: { 200: requests }, errors: 0, timeouts: 0 };
}

/** S1 at a fixed, moderate rate: alone, then while `loginRun` saturates the CPU with logins. */
async function latencyUnderLogins(context, loginRun) {
  const { options } = context;
  const probe = () =>
    fire({
      url: context.marquee.url,
      connections: options.latencyProbeConnections,
      overallRate: options.latencyProbeRate,
      duration: options.durationSeconds,
      ...servicePage(),
    });
  const idle = summarize([await probe()]);
  // The probe starts a second after the logins, once they have filled the thread pool.
  const delayedProbe = sleep(1000).then(probe);
  const [loaded] = await Promise.all([delayedProbe.then((raw) => summarize([raw])), loginRun(options.durationSeconds + 2)]);
  log(`  S1 probe p99 idle ${idle.p99} ms, during logins ${loaded.p99} ms`);
  return { idle, loaded, ratio: ratio(loaded.p99, idle.p99) };
}

/** S7: S1 against Marquee with the catalogue cache on (in-process store), vs the uncached baseline. */
async function s7(context) {
  await context.useMarquee({ CATALOGUE_CACHE_SECONDS: '30' });
  const title = 'GET /api/services?limit=20, catalogue cache on (30 s)';
  const row = await versusBaseline(context, { id: 'S7', title, load: servicePage, expected: [200] });
  row.referenceName = 'baseline, uncached';
  row.checks.push(atLeast(row, 2));
  // The scenarios after this one measure Marquee as S1–S6 did, the cache off.
  await context.useMarquee({});
  return row;
}

/** S8: a service's sessions over 30 days (8 a day), public, against the baseline running the same query. */
async function s8(context) {
  const title = 'GET /api/services/{id}/sessions, 30 days of 8 sessions a day';
  const row = await versusBaseline(context, { id: 'S8', title, load: sessionWindow, expected: [200] });
  row.checks.push(atLeast(row, 0.8));
  return row;
}

export const SCENARIOS = { S1: s1, S2: s2, S3: s3, S4: s4, S5: s5, S6: s6, S7: s7, S8: s8 };
