import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from './app.js';
import { buildOpenApiDocument } from './openapi-document.js';

/**
 * Writes libs/contracts/openapi.json from the app itself (no server, throw-away database).
 * `--check` fails instead when the committed file differs from a fresh one.
 */
const target = resolve(import.meta.dirname, '../../../libs/contracts/openapi.json');
const app = await createApp({
  env: {
    NODE_ENV: 'test',
    DATABASE_URL: 'sqlite::memory:',
    JWT_SECRET: 'openapi-export-only-secret-not-used-for-anything',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    SWAGGER_ENABLED: 'false',
    ADMIN_PASSWORD: 'not-used-Export-1',
  },
});
const document = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
await app.close();

if (process.argv.includes('--check')) {
  const { readFileSync, existsSync } = await import('node:fs');
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (committed !== document) {
    console.error(`${target} is stale: run npm run openapi and commit the result`);
    process.exit(1);
  }
  process.stdout.write('openapi.json is up to date\n');
} else {
  writeFileSync(target, document);
  process.stdout.write(`wrote ${target}\n`);
}
