// The performance budget: the JavaScript the browser loads up front for the catalogue (index.html's
// module scripts and all they import statically, i.e. the initial chunks) must stay within 250 kB gzipped.
// Run after a production build (npm run build -w apps/web).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { entryScripts, initialChunks } from './initial-chunks.mjs';

const LIMIT_BYTES = 250 * 1024;
const browserDir = resolve(import.meta.dirname, '../dist/browser');
const indexFile = join(browserDir, 'index.html');
if (!existsSync(indexFile)) {
  console.error(`${indexFile} is missing: run a production build first (npm run build -w apps/web)`);
  process.exit(1);
}
const html = readFileSync(indexFile, 'utf8');
const initial = new Set(initialChunks(browserDir, entryScripts(html)));
if (initial.size === 0) {
  console.error('no initial JavaScript found in index.html');
  process.exit(1);
}
let total = 0;
for (const file of [...initial].sort()) {
  const gzipped = gzipSync(readFileSync(join(browserDir, file)), { level: 9 }).length;
  total += gzipped;
  console.log(`${file.padEnd(28)} ${(gzipped / 1024).toFixed(1).padStart(7)} kB gzipped`);
}
const verdict = total <= LIMIT_BYTES ? 'within' : 'OVER';
console.log(
  `initial JavaScript: ${(total / 1024).toFixed(1)} kB gzipped (${initial.size} files), ${verdict} the ${LIMIT_BYTES / 1024} kB budget`,
);
if (total > LIMIT_BYTES) process.exit(1);
