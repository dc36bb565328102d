import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/**
 * The column types whose values TypeORM's MySQL and SQLite drivers convert when they hydrate an
 * entity (booleans, dates and times, JSON, arrays, enums, Number); every other type is taken as the
 * database driver read it, so `read` skips the call for those (profiled: a list's rows went through
 * prepareHydratedValue column by column). test/plain-rows.e2e-spec.ts holds this list to TypeORM's
 * own hydration, for every column of every entity, on both drivers.
 */
const CONVERTED_TYPES = new Set<ColumnMetadata['type']>([
  Boolean,
  'bool',
  'boolean',
  'datetime',
  Date,
  'date',
  'time',
  'json',
  'jsonb',
  'simple-json',
  'simple-array',
  'enum',
  'simple-enum',
  'set',
  Number,
]);

/**
 * Plain-SQL reads of one entity: the SELECT list of its columns, and the entity from a row with the
 * values TypeORM itself would hydrate (Date for a datetime, boolean for a boolean, on MySQL and
 * SQLite alike).
 *
 * For the hottest reads only. The query builder generates its SQL anew on every call, and under
 * load that cost more CPU than the database spent answering the query (bench/README.md); these
 * statements are written once.
 */
export class PlainRows<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  /** Per column, whether its value needs the driver's hydration (its type or a transformer) or is taken as read. */
  private readonly hydrated: { column: ColumnMetadata; converts: boolean }[];

  constructor(
    private readonly dataSource: DataSource,
    target: EntityTarget<T>,
  ) {
    this.metadata = dataSource.getMetadata(target);
    this.hydrated = this.metadata.columns.map((column) => ({
      column,
      converts: column.transformer !== undefined || CONVERTED_TYPES.has(column.type),
    }));
  }

  /** `alias.column AS column, …` for every column of the entity. */
  columns(alias: string): string {
    const escape = (name: string) => this.dataSource.driver.escape(name);
    return this.metadata.columns.map((column) => `${alias}.${escape(column.databaseName)} AS ${escape(column.databaseName)}`).join(', ');
  }

  /** The entity from a row selected with `columns(alias)`. */
  read(row: Record<string, unknown>): T {
    const entity: ObjectLiteral = {};
    const { driver } = this.dataSource;
    for (const { column, converts } of this.hydrated) {
      const value = row[column.databaseName];
      entity[column.propertyName] = converts ? driver.prepareHydratedValue(value, column) : value;
    }
    return entity as T;
  }
}

/** The rows a plain SELECT answers, as the database driver read them. */
export type Row = Record<string, unknown>;

interface Mysql2Pool {
  query(sql: string, values: unknown[], callback: (error: Error | null, rows: Row[]) => void): void;
}

/**
 * Runs a plain SELECT and resolves its rows: in `manager`'s transaction when it has one, otherwise on
 * MySQL straight on mysql2's pool, which is what TypeORM's `query` does too, less a query runner, a
 * promise wrapper, two events and a copy of the rows per statement (a few % of the API's CPU on the
 * busiest reads, bench/README.md). SQLite reads go through TypeORM, whose runner keeps the prepared
 * statements.
 */
export function select<T extends object = Row>(
  dataSource: DataSource,
  sql: string,
  parameters: unknown[],
  manager?: EntityManager,
): Promise<T[]> {
  if (manager?.queryRunner) return manager.query(sql, parameters);
  const pool = (dataSource.driver as unknown as { pool?: Mysql2Pool }).pool;
  if (!pool) return dataSource.query(sql, parameters);
  return new Promise((resolve, reject) => pool.query(sql, parameters, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
}

/** Runs a plain UPDATE or DELETE in `manager`'s transaction; resolves how many rows it changed (MySQL and SQLite alike). */
export async function changedRows(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  if (!manager.queryRunner) throw new Error('changedRows needs the EntityManager of a transaction');
  const result = await manager.queryRunner.query(sql, parameters, true);
  return result.affected ?? 0;
}

/** Runs a plain INSERT of one row in `manager`'s transaction; resolves the id the database generated for it. */
export async function insertedId(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  // mysql2 answers an INSERT with a result header holding insertId; better-sqlite3 (through TypeORM) with the id itself.
  const result: unknown = await manager.query(sql, parameters);
  return Number(typeof result === 'object' && result !== null && 'insertId' in result ? result.insertId : result);
}

/** An instant as a plain-SQL parameter for a datetime(3) column, UTC (`2026-03-29 01:00:00.000`), on MySQL and SQLite alike. */
export function utcDateTime(instant: Date): string {
  return instant.toISOString().replace('T', ' ').slice(0, 23);
}

/** A datetime(3) column read by plain SQL: a Date from mysql2, `YYYY-MM-DD HH:MM:SS.SSS` (UTC) from SQLite. */
export function readInstant(value: unknown): Date {
  return value instanceof Date ? value : new Date(`${String(value).replace(' ', 'T')}Z`);
}
