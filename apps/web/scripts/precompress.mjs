// Writes a Brotli (.br, quality 11) and a gzip (.gz, level 9) sibling of every text file of the
// production build, where it is smaller than the file. The API (@fastify/static preCompressed) and
// nginx (gzip_static) send them as they are, so no request pays for compressing them.
// Run after a production build (npm run build -w apps/web runs it); another folder as the argument.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.txt', '.json', '.xml', '.webmanifest', '.map']);
const browserDir = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../dist/browser'));
if (!existsSync(join(browserDir, 'index.html'))) {
  console.error(`${browserDir}/index.html is missing: run a production build first`);
  process.exit(1);
}

let files = 0;
let before = 0;
let brotli = 0;
for (const entry of readdirSync(browserDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !TEXT.has(extname(entry.name))) continue;
  const path = join(entry.parentPath, entry.name);
  const content = readFileSync(path);
  const br = brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });
  const gz = gzipSync(content, { level: 9 });
  if (br.length < content.length) writeFileSync(`${path}.br`, br);
  if (gz.length < content.length) writeFileSync(`${path}.gz`, gz);
  files++;
  before += content.length;
  brotli += Math.min(br.length, content.length);
  if (process.env.PRECOMPRESS_VERBOSE) console.log(`${relative(browserDir, path)}: ${content.length} → br ${br.length}, gz ${gz.length}`);
}
console.log(`precompressed ${files} files: ${(before / 1024).toFixed(1)} kB → ${(brotli / 1024).toFixed(1)} kB with Brotli`);
