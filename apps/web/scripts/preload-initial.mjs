// The Angular CLI writes at most ten `<link rel="modulepreload">` into index.html; the browser finds
// the other initial chunks only once it has parsed the files that import them, a round trip later.
// This adds the missing ones, so all the initial JavaScript downloads in parallel with main.js.
// Run after a production build (npm run build -w apps/web runs it).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { entryScripts, initialChunks } from './initial-chunks.mjs';

const browserDir = resolve(import.meta.dirname, '../dist/browser');
const indexFile = join(browserDir, 'index.html');
if (!existsSync(indexFile)) {
  console.error(`${indexFile} is missing: run a production build first`);
  process.exit(1);
}
const html = readFileSync(indexFile, 'utf8');
const entries = entryScripts(html);
const linked = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((match) => match[1]));
const missing = initialChunks(browserDir, entries).filter((file) => !entries.includes(file) && !linked.has(file));
if (missing.length > 0) {
  const links = missing.map((file) => `<link rel="modulepreload" href="${file}">`).join('');
  // Before the app's entry (a module script), not before a plain script index.html may load earlier.
  const firstEntry = html.search(/<script\b(?=[^>]*\btype="module")[^>]*\bsrc="[^"]+\.js"/);
  writeFileSync(indexFile, html.slice(0, firstEntry) + links + html.slice(firstEntry));
}
console.log(`modulepreload: ${linked.size + missing.length} initial chunks (${missing.length} added)`);
