// The results: a table on the terminal and bench/results/latest.md (table, targets, machine, settings).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import * as prettier from 'prettier';
import { ROOT } from './options.mjs';

const RSS_LIMIT_MB = 200;
const COLD_START_LIMIT_MS = 1500;

const number = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const mark = (met) => (met ? '✓' : '✗');

function scenarioCells(row) {
  return [
    `${row.id} ${row.title}`,
    row.referenceName ?? 'baseline',
    number(row.reference.rps, row.reference.rps < 100 ? 1 : 0),
    number(row.marquee.rps, row.marquee.rps < 100 ? 1 : 0),
    number(row.ratio, 2),
    `${number(row.reference.p50)} / ${number(row.marquee.p50)}`,
    `${number(row.reference.p99)} / ${number(row.marquee.p99)}`,
    `${number(row.reference.cpuMsPerRequest, 2)} / ${number(row.marquee.cpuMsPerRequest, 2)}`,
    number(row.rss.marquee),
    row.checks.map((check) => `${mark(check.met)} ${check.label}`).join('; '),
  ];
}

const HEADER = [
  'Scenario',
  'Reference',
  'Ref req/s',
  'Marquee req/s',
  'Marquee/ref',
  'p50 ms ref / M',
  'p99 ms ref / M',
  'CPU ms/req ref / M',
  'RSS MB',
  'Targets',
];

/** The scenario rows plus the one-line figures (cold start, memory, bundle), as table rows. */
function tableRows(results) {
  const rows = results.rows.map(scenarioCells);
  const blank = (first, last) => [first, ...HEADER.slice(2).map(() => ''), last];
  const { coldStart, bundle } = results;
  if (coldStart) {
    rows.push(
      blank(
        `Cold start to ready, SQLite (median of ${coldStart.restarts.length})`,
        `${mark(coldStart.medianMs < COLD_START_LIMIT_MS)} ${coldStart.medianMs} ms < ${COLD_START_LIMIT_MS} ms (first start with migrations: ${coldStart.firstMs} ms)`,
      ),
    );
  }
  const peak = Math.max(...results.rows.map((row) => row.rss.marquee ?? 0));
  if (results.rows.length > 0)
    rows.push(blank('Marquee RSS after each scenario (peak)', `${mark(peak < RSS_LIMIT_MB)} ${number(peak)} MB < ${RSS_LIMIT_MB} MB`));
  if (bundle) {
    rows.push(
      blank(
        'Web app initial JavaScript (gzipped)',
        bundle.note ??
          `${bundle.kilobytes} kB in ${bundle.files} files (budget ${bundle.budgetKilobytes} kB: ${bundle.withinBudget ? 'within' : 'OVER'})`,
      ),
    );
  }
  return rows;
}

function textTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n');
}

function markdownTable(header, rows) {
  const escape = (cell) => cell.replaceAll('|', '\\|');
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(escape).join(' | ')} |`).join('\n');
}

/** Targets not met, correctness failures and errors, as lines. */
export function verdicts(results) {
  const missed = results.rows.flatMap((row) => row.checks.filter((check) => !check.met).map((check) => `${row.id}: ${check.label}`));
  const problems = results.rows.flatMap((row) => row.problems.map((problem) => `${row.id}: ${problem}`));
  return { missed, problems, correctnessFailed: results.rows.some((row) => row.checks.some((check) => check.correctness && !check.met)) };
}

export function printTable(results) {
  process.stdout.write(`\n${textTable(HEADER, tableRows(results))}\n`);
  for (const row of results.rows) for (const note of row.notes) process.stdout.write(`  ${row.id}: ${note}\n`);
  const { missed, problems } = verdicts(results);
  if (missed.length > 0) process.stdout.write(`\nTargets not met:\n${missed.map((line) => `  - ${line}`).join('\n')}\n`);
  if (problems.length > 0) process.stdout.write(`\nProblems:\n${problems.map((line) => `  - ${line}`).join('\n')}\n`);
  for (const mismatch of results.parity) process.stdout.write(`  parity: ${mismatch}\n`);
}

function settingsLines(results) {
  const { options, facts, minutes } = results;
  return [
    `- Run: \`npm run bench${options.smoke ? ' -- --smoke' : ''}\`, ${minutes.toFixed(1)} min in all, scenarios ${results.rows.map((row) => row.id).join(', ')}`,
    `- Load: autocannon, ${options.connections} connections (S5: ${options.contestConnections}), ${options.warmupSeconds} s warm-up per side, ` +
      `${options.rounds} round(s) of ${options.durationSeconds} s per side, baseline and Marquee alternating (order flipped each round)`,
    `- Data: 1,000 services with two ticket types each, 100 of them with a weekly schedule of 8 sessions a day (144,800 timed sessions), 2,000 customers, 50,000 bookings with their ticket lines (on timed or all-day sessions); ${options.signedInCustomers} signed-in customers share S3–S5`,
    `- API: \`${relative(ROOT, options.apiMain)}\`, NODE_ENV=production, LOG_LEVEL=info (a JSON line per request, to a file), SWAGGER_ENABLED=false, ` +
      `METRICS_ENABLED=true, no REDIS_URL (in-process store), CATALOGUE_CACHE_SECONDS=0 (S7: 30), rate limits raised, BCRYPT_COST=${options.bcryptCost}, ` +
      `pool ${options.poolSize} connections (baseline: the same)`,
    `- S6 ceiling: bcrypt.compare at cost ${options.bcryptCost} in the harness process, ${options.connections} calls in flight (libuv pool: ${process.env.UV_THREADPOOL_SIZE ?? 4} threads, as the API's); ` +
      `S1 probe: ${options.latencyProbeRate} req/s over ${options.latencyProbeConnections} connections`,
    `- Machine: ${facts.cpu}, ${facts.cores} cores, ${facts.memoryGigabytes} GB, ${facts.os}; Node ${facts.node}; ${facts.database}; load average at start ${facts.loadAverageAtStart}`,
    `- Date: ${facts.date}; commit ${facts.commit} (plus uncommitted changes, if any)`,
  ];
}

export async function writeResults(file, results) {
  const { missed, problems } = verdicts(results);
  const notes = results.rows.flatMap((row) => row.notes.map((note) => `- ${row.id}: ${note}`));
  const lines = [
    `# Marquee benchmark results${results.options.smoke ? ' (smoke run: a few seconds per scenario, figures not meaningful)' : ''}`,
    '',
    'Ratios are what to compare (Marquee / reference, measured alternately on the same machine and data); absolute figures vary with the machine. See bench/README.md.',
    '',
    markdownTable(HEADER, tableRows(results)),
    '',
    ...(notes.length > 0 ? ['## Notes', '', ...notes, ''] : []),
    '## Targets not met',
    '',
    ...(missed.length > 0 ? missed.map((line) => `- ${line}`) : ['- none']),
    '',
    ...(problems.length > 0 ? ['## Problems', '', ...problems.map((line) => `- ${line}`), ''] : []),
    '## Parity of the baseline with Marquee',
    '',
    ...(results.parity.length > 0
      ? results.parity.map((line) => `- ${line}`)
      : ['- Same JSON for each probed route and the same SQL statements (values aside), checked at the start of the run.']),
    '',
    '## Machine and settings',
    '',
    ...settingsLines(results),
    '',
  ];
  // Formatted as the repository's Prettier settings want it, so that `npm run check` passes.
  const markdown = await prettier.format(lines.join('\n'), { ...(await prettier.resolveConfig(file)), parser: 'markdown' });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, markdown);
}
