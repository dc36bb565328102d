import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';

const API_ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/**
 * Reverts the database at `databaseUrl` one migration at a time with the TypeORM CLI, newest first,
 * down to and including `migration` (a class name such as `Sessions1795800000000`). Answers the last
 * revert's exit status and output, so a test can show what went wrong.
 */
export function revertThrough(databaseUrl: string, migration: string): { status: number | null; output: string } {
  for (let reverted = 0; reverted < 50; reverted++) {
    const revert = spawnSync(
      process.execPath,
      ['../../node_modules/typeorm/cli.js', 'migration:revert', '-d', 'dist/database/data-source.js'],
      {
        cwd: API_ROOT,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
        encoding: 'utf8',
      },
    );
    const output = revert.stdout + revert.stderr;
    if (revert.status !== 0 || output.includes(`${migration} has been reverted successfully`)) return { status: revert.status, output };
  }
  return { status: null, output: `${migration} was not among the 50 newest migrations` };
}
