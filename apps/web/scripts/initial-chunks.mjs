// The JavaScript a production build loads before the app starts: index.html's module scripts and
// everything they import statically, transitively (not `import()`: lazy routes load on demand).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]+from\s*)?"\.\/([\w.-]+\.js)"/g;

/** The entry scripts (`<script type="module" src>`) of an index.html. */
export function entryScripts(html) {
  return [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"[^>]*>/g)].map((match) => match[1]);
}

/** Every file the entry scripts import statically, the entries included, in load order. */
export function initialChunks(browserDir, entries) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(join(browserDir, file), 'utf8').matchAll(STATIC_IMPORT)) visit(match[1]);
  };
  entries.forEach(visit);
  return [...seen];
}
