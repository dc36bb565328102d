import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import mysql from 'mysql2/promise';

export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'mysql';
  /** Runs SQL against the suite's database from outside the API (assertions and time travel). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one suite: a SQLite file in a temp folder, or (in the MySQL project)
 * a new database on the server of TEST_DATABASE_URL. Dropped afterwards.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  if (process.env.MARQUEE_TEST_DB === 'mysql') return freshMysql();
  const folder = mkdtempSync(join(tmpdir(), 'marquee-test-'));
  const file = join(folder, 'marquee.sqlite');
  let connection: Sqlite.Database | undefined;
  const open = () => {
    connection ??= new Sqlite(file);
    connection.pragma('busy_timeout = 5000');
    return connection;
  };
  return {
    url: `sqlite:${file}`,
    kind: 'sqlite',
    query: async <T>(sql: string, params: unknown[] = []) => {
      const statement = open().prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    },
    drop: async () => {
      connection?.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function freshMysql(): Promise<TestDatabase> {
  const server = new URL(process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/marquee_test');
  const name = `marquee_test_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    dateStrings: true,
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.query(`USE \`${name}\``);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'mysql',
    query: async <T>(sql: string, params: unknown[] = []) => {
      const [rows] = await admin.query(sql, params);
      return (Array.isArray(rows) ? rows : []) as T[];
    },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}
