// Summarises a V8 CPU profile (node --cpu-prof) of the API under load: self time by package (or
// by file of the API) and the heaviest functions. To profile a scenario:
//
//   BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/marquee-prof" npm run bench -- --only S1 --rounds 1
//   node bench/tools/profile-summary.mjs /tmp/marquee-prof/*.cpuprofile
//
// The profile covers the whole process life (start-up included); under 20 s of load the load dominates.
import { readFileSync } from 'node:fs';

const TOP = Number(process.env.TOP ?? 25);

/** "typeorm", "@nestjs/core", "api: modules/services/services.service.js", "node:internal", "(idle)"… */
function bucketOf(callFrame) {
  const { url, functionName } = callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const api = /apps\/api\/[^/]+\/(.*)$/.exec(url);
  return api ? `api: ${api[1]}` : url;
}

function summarise(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index];
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  }
  const byBucket = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const { callFrame } = nodes.get(id);
    const bucket = bucketOf(callFrame);
    if (bucket === '(idle)') continue;
    total += micros;
    byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + micros);
    const name = `${callFrame.functionName || '(anonymous)'} ${bucket}:${callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }
  const print = (title, map) => {
    process.stdout.write(`\n${title}\n`);
    for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
      process.stdout.write(`${((100 * micros) / total).toFixed(1).padStart(6)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}\n`);
    }
  };
  process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s of CPU outside idle\n`);
  print('Self time by package / API file', byBucket);
  print('Self time by function', byFunction);
}

for (const file of process.argv.slice(2)) summarise(file);
