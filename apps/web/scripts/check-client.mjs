// Fails when libs/contracts/src/client is not what ng-openapi-gen writes from libs/contracts/openapi.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const webDir = resolve(import.meta.dirname, '..');
const committed = resolve(webDir, '../../libs/contracts/src/client');
const fresh = mkdtempSync(join(tmpdir(), 'marquee-client-'));

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

try {
  const bin = resolve(webDir, 'node_modules/.bin/ng-openapi-gen');
  const command = existsSync(bin) ? bin : resolve(webDir, '../../node_modules/.bin/ng-openapi-gen');
  execFileSync(command, ['-c', 'ng-openapi-gen.json', '-o', fresh, '--useTempDir', 'true'], { cwd: webDir, stdio: 'inherit' });
  const a = new Map(files(committed).map((path) => [relative(committed, path), readFileSync(path, 'utf8')]));
  const b = new Map(files(fresh).map((path) => [relative(fresh, path), readFileSync(path, 'utf8')]));
  const stale = [...new Set([...a.keys(), ...b.keys()])].filter((name) => a.get(name) !== b.get(name)).sort();
  if (stale.length) {
    console.error(`libs/contracts/src/client is stale (${stale.length} file(s): ${stale.slice(0, 10).join(', ')}): run npm run openapi`);
    process.exit(1);
  }
  process.stdout.write(`libs/contracts/src/client is up to date (${a.size} files)\n`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
