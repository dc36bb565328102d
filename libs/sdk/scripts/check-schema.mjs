// Fails when libs/sdk/src/schema.ts is not what openapi-typescript writes from libs/contracts/openapi.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const sdkDir = resolve(import.meta.dirname, '..');
const fresh = mkdtempSync(join(tmpdir(), 'marquee-sdk-'));
try {
  const out = join(fresh, 'schema.ts');
  // Installed beside the SDK (its own TypeScript peer) or hoisted to the root.
  const bin = ['node_modules/.bin/openapi-typescript', '../../node_modules/.bin/openapi-typescript']
    .map((path) => resolve(sdkDir, path))
    .find((path) => existsSync(path));
  execFileSync(bin, ['../contracts/openapi.json', '-o', out], { cwd: sdkDir, stdio: 'ignore' });
  if (readFileSync(out, 'utf8') !== readFileSync(join(sdkDir, 'src/schema.ts'), 'utf8')) {
    console.error('libs/sdk/src/schema.ts is stale: run npm run openapi');
    process.exit(1);
  }
  process.stdout.write('libs/sdk/src/schema.ts is up to date\n');
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
