// The harness's settings, from flags (`npm run bench -- --smoke --only S1,S5`) and environment
// variables (BENCH_*). Flags win over the environment.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SCENARIO_IDS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'];
const DEFAULT_API_MAIN = 'apps/api/dist/main.js';

const USAGE = `npm run bench [-- options]

  --smoke              a few seconds per scenario (CI): checks that everything works and that S5
                       confirms exactly its capacity; exits non-zero on any error
  --only S1,S5         run only these scenarios (S1 … S8)
  --duration <s>       measured seconds per run (default 20; smoke 3)        BENCH_DURATION
  --warmup <s>         warm-up seconds before each side's first run (default 5; smoke 1)  BENCH_WARMUP
  --rounds <n>         baseline/Marquee alternations per scenario (default 2; smoke 1)    BENCH_ROUNDS
  --connections <n>    connections of S1–S4 and S6–S8 (default 50; S5 always 100)  BENCH_CONNECTIONS
  --output <file>      results file (default bench/results/latest.md; smoke bench/results/smoke.md)

  BENCH_API_MAIN       the built API to run (default ${DEFAULT_API_MAIN}; built when missing)
  BENCH_MYSQL_URL      MariaDB/MySQL server, root-like user (default mysql://root@127.0.0.1:3306)
  BENCH_BCRYPT_COST    bcrypt cost of the seeded users and the API (default 10)
  BENCH_POOL_SIZE      connection pool size of the API and of the baseline (default 10)
  BENCH_TRACE_SQL=1    the API logs every SQL statement to its log file (for reading, not for figures)
  BENCH_API_NODE_ARGS  extra Node arguments of the API, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
`;

const positiveNumber = (name, value) => {
  const number = Number(value);
  if (!(number > 0)) throw new Error(`${name} must be a positive number, not ${JSON.stringify(value)}`);
  return number;
};

function parseOnly(value) {
  if (!value) return SCENARIO_IDS;
  const ids = value.split(',').map((id) => id.trim().toUpperCase());
  const unknown = ids.filter((id) => !SCENARIO_IDS.includes(id));
  if (unknown.length > 0) throw new Error(`--only: unknown scenario ${unknown.join(', ')} (known: ${SCENARIO_IDS.join(', ')})`);
  return ids;
}

/** Reads flags and environment; prints the usage and exits for --help. */
export function readOptions(argv = process.argv.slice(2), env = process.env) {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const smoke = values.smoke;
  const pick = (flag, variable, full, quick) => positiveNumber(`--${flag}`, values[flag] ?? env[variable] ?? (smoke ? quick : full));
  const apiMain = env.BENCH_API_MAIN ?? DEFAULT_API_MAIN;
  return {
    smoke,
    scenarios: parseOnly(values.only),
    durationSeconds: pick('duration', 'BENCH_DURATION', 20, 3),
    warmupSeconds: pick('warmup', 'BENCH_WARMUP', 5, 1),
    rounds: Math.round(pick('rounds', 'BENCH_ROUNDS', 2, 1)),
    connections: Math.round(pick('connections', 'BENCH_CONNECTIONS', 50, 50)),
    contestConnections: 100,
    contestCapacity: 500,
    output: resolve(ROOT, values.output ?? (smoke ? 'bench/results/smoke.md' : 'bench/results/latest.md')),
    apiMain: resolve(ROOT, apiMain),
    apiMainIsDefault: apiMain === DEFAULT_API_MAIN,
    mysqlUrl: env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
    bcryptCost: Math.round(positiveNumber('BENCH_BCRYPT_COST', env.BENCH_BCRYPT_COST ?? 10)),
    poolSize: Math.round(positiveNumber('BENCH_POOL_SIZE', env.BENCH_POOL_SIZE ?? 10)),
    apiNodeArgs: [
      ...(env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
      ...(env.BENCH_TRACE_SQL === '1' ? ['--import', resolve(ROOT, 'bench/tools/trace-sql.mjs')] : []),
    ],
    coldStartRuns: smoke ? 1 : 5,
    // Customers who sign in once and share the load of S3–S5 (each request picks one at random).
    signedInCustomers: smoke ? 20 : 100,
    // S6's side check: S1 at this fixed rate, idle and while logins saturate the CPU.
    latencyProbeRate: 100,
    latencyProbeConnections: 10,
  };
}
