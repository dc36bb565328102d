// Load with autocannon: single runs, warm-ups, and the alternation of baseline and Marquee that
// every scenario uses, merged into one summary per side.
import autocannon from 'autocannon';
import { log } from './lifecycle.mjs';

/** One autocannon run; resolves the raw result (histograms kept, so that runs can be merged). */
export function fire(options) {
  return new Promise((resolveRun, reject) => {
    autocannon({ timeout: 30, ...options, skipAggregateResult: true }, (error, result) => (error ? reject(error) : resolveRun(result)));
  });
}

/** One run against `server`, with the CPU time the server process spent meanwhile (`cpuSeconds`). */
export async function fireAt(server, options) {
  const before = server.cpuSeconds();
  const raw = await fire({ url: server.url, ...options });
  const after = server.cpuSeconds();
  if (before !== null && after !== null) raw.cpuSeconds = after - before;
  return raw;
}

/**
 * Several runs of one side as one: requests over their total time, percentiles of all latencies,
 * and (when the runs carry `cpuSeconds`, the server's CPU time during the run) CPU per request.
 */
export function summarize(results) {
  const merged = autocannon.aggregateResult(results, { url: 'http://127.0.0.1/' });
  const seconds = results.reduce((sum, result) => sum + result.duration, 0);
  const requests = results.reduce((sum, result) => sum + result.totalCompletedRequests, 0);
  const statuses = {};
  for (const result of results) {
    for (const [code, { count }] of Object.entries(result.statusCodeStats)) statuses[code] = (statuses[code] ?? 0) + count;
  }
  const cpuSeconds = results.every((result) => typeof result.cpuSeconds === 'number')
    ? results.reduce((sum, result) => sum + result.cpuSeconds, 0)
    : undefined;
  return {
    requests,
    seconds,
    rps: requests / seconds,
    cpuMsPerRequest: cpuSeconds === undefined ? undefined : (1000 * cpuSeconds) / requests,
    p50: merged.latency.p50,
    p99: merged.latency.p99,
    statuses,
    errors: merged.errors,
    timeouts: merged.timeouts,
  };
}

/** Answers outside `expected` (status codes), connection errors and timeouts, as a list of messages. */
export function unexpected(summary, expected) {
  const problems = Object.entries(summary.statuses)
    .filter(([code]) => !expected.includes(Number(code)))
    .map(([code, count]) => `${count} × ${code}`);
  if (summary.errors > 0) problems.push(`${summary.errors} connection errors`);
  if (summary.timeouts > 0) problems.push(`${summary.timeouts} timeouts`);
  return problems;
}

function describeRun(summary) {
  const statuses = Object.entries(summary.statuses)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ');
  const cpu = summary.cpuMsPerRequest === undefined ? '' : `, server CPU ${summary.cpuMsPerRequest.toFixed(2)} ms/req`;
  return `${summary.rps.toFixed(0)} req/s, p50 ${summary.p50} ms, p99 ${summary.p99} ms${cpu} (${statuses || 'no answers'})`;
}

/**
 * Runs a scenario's load on each side alternately: a warm-up per side, then `rounds` rounds, the
 * order flipped every round (B M, M B, …) so that a drift of the machine's load hits both sides.
 *
 * `sides`: [{ name, server }]; `build(side, phase)` resolves { options } (autocannon options
 * without url/duration) and optionally `after(summary)`, called once the run is over.
 */
export async function alternate({ sides, build, rounds, durationSeconds, warmupSeconds }) {
  const results = new Map(sides.map((side) => [side.name, []]));
  const runOnce = async (side, phase, seconds) => {
    const { options, after } = await build(side, phase);
    const raw = await fireAt(side.server, { duration: seconds, ...options });
    const summary = summarize([raw]);
    await after?.(summary);
    log(`  ${phase.padEnd(8)} ${side.name.padEnd(8)} ${describeRun(summary)}`);
    return raw;
  };
  if (warmupSeconds > 0) for (const side of sides) await runOnce(side, 'warm-up', warmupSeconds);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) results.get(side.name).push(await runOnce(side, `round ${round + 1}`, durationSeconds));
  }
  return Object.fromEntries([...results].map(([name, raws]) => [name, summarize(raws)]));
}
