import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { MIGRATIONS } from './migrations/index.js';
import { leaveUpdatedAtToTheDatabase } from './timestamps.js';

/**
 * TypeORM options for a `DATABASE_URL`: `mysql://user:pass@host:3306/db` (mysql2) or
 * `sqlite:PATH` (better-sqlite3; `sqlite::memory:` for a throw-away database).
 * Migrations run at start; `synchronize` is never on.
 */
export function databaseOptions(url: string): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: ['error' as const],
    namingStrategy: new SnakeNamingStrategy(),
  };

  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    const database = path === ':memory:' ? ':memory:' : resolve(path);
    if (database !== ':memory:') prepareSqliteFile(database);
    return {
      ...common,
      type: 'better-sqlite3',
      database,
      enableWAL: database !== ':memory:',
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  }

  const parsed = new URL(url);
  return {
    ...common,
    type: 'mysql',
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.replace(/^\//, ''),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    poolSize: Number(parsed.searchParams.get('connectionLimit') ?? 10),
    // mysql2 would capture a stack trace for every query, to decorate its errors; TypeORM wraps each
    // of them in a QueryFailedError with its own stack, so the capture only cost CPU (bench/README.md).
    trace: false,
  };
}

/**
 * The SQLite database holds password hashes and refresh-token digests: its folder is created
 * owner-only (0700) and its files are made owner-only (0600). SQLite creates a database 0644 and
 * gives its -wal and -shm files the database file's mode, so the file is created (empty) here
 * first; files left 0644 by an earlier version are narrowed at start.
 */
function prepareSqliteFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(path)) continue;
    try {
      chmodSync(path, 0o600);
    } catch (error) {
      new Logger('Database').warn(`Could not make ${path} owner-only (0600): ${(error as Error).message}`);
    }
  }
}

/**
 * The current time to the millisecond: the default the migrations give created_at and updated_at.
 * TypeORM's own default for @CreateDateColumn/@UpdateDateColumn differs (CURRENT_TIMESTAMP(6) on
 * MySQL/MariaDB, second-precision datetime('now') on SQLite, where TypeORM also writes it in inserts).
 */
const NOW = { sqlite: "(strftime('%Y-%m-%d %H:%M:%f', 'now'))", mysql: 'CURRENT_TIMESTAMP(3)' };

/** A data source whose updated_at columns only the database moves (see Timestamped). */
class MarqueeDataSource extends DataSource {
  protected override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    leaveUpdatedAtToTheDatabase(this.entityMetadatas);
  }
}

/**
 * A data source for these options whose timestamp columns default as the migrations made them, and
 * whose updated_at columns the database moves.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new MarqueeDataSource(options);
  const now = options.type === 'better-sqlite3' ? NOW.sqlite : NOW.mysql;
  Object.assign(dataSource.driver.mappedDataTypes, { createDateDefault: now, updateDateDefault: now });
  return dataSource;
}

/**
 * The data source `npm run migration:generate` compares the entities with, not yet connected. On a
 * MariaDB server it is of TypeORM's type `mariadb`: as `mysql` TypeORM reads MariaDB's column
 * defaults wrongly (every nullable column as defaulting to the string 'NULL'). The app and the
 * migrations, written for the type `mysql`, keep it.
 */
export async function schemaDataSource(url: string): Promise<DataSource> {
  const options = { ...databaseOptions(url), migrationsRun: false };
  if (options.type !== 'mysql') return createDataSource(options);
  const probe = await new DataSource({ ...options, poolSize: 1 }).initialize();
  const [{ version }] = (await probe.query('SELECT VERSION() AS version')) as { version: string }[];
  await probe.destroy();
  return createDataSource(/mariadb/i.test(version) ? { ...options, type: 'mariadb' } : options);
}

export function isMysql(url: string): boolean {
  return url.startsWith('mysql:');
}
