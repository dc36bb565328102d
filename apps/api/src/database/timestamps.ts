import { CreateDateColumn, UpdateDateColumn, type EntityMetadata, type QueryRunner } from 'typeorm';

/**
 * created_at / updated_at, millisecond precision, set by the database.
 *
 * updated_at moves on every change of a row, whoever writes it (TypeORM or plain SQL), and only the
 * database moves it: on MySQL/MariaDB the column's `ON UPDATE CURRENT_TIMESTAMP(3)`, on SQLite the
 * trigger {@link createUpdatedAtTrigger} makes per table. TypeORM's own write is switched off
 * ({@link leaveUpdatedAtToTheDatabase}): it set `updated_at = CURRENT_TIMESTAMP`, cut to the second.
 * A statement that must not count as a change sets `updated_at = updated_at` on MySQL, and names its
 * column among the trigger's `ignored` on SQLite.
 */
export abstract class Timestamped {
  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/**
 * Makes TypeORM leave updated_at to the database: without an update-date column in the metadata its
 * updates, soft deletes and saves no longer write one. The column itself (its default and ON UPDATE
 * clause, compared by the schema builder) stays as declared.
 */
export function leaveUpdatedAtToTheDatabase(metadatas: EntityMetadata[]): void {
  for (const metadata of metadatas) metadata.updateDateColumn = undefined;
}

/** The name of a table's updated_at trigger on SQLite. */
export const updatedAtTrigger = (table: string): string => `TRG_${table}_updated_at`;

/**
 * On SQLite, (re)creates the trigger that gives `table` MySQL's `ON UPDATE CURRENT_TIMESTAMP(3)`: after
 * an update that changed a column other than updated_at and the `ignored` ones, and did not set
 * updated_at itself, updated_at becomes now, to the millisecond. It compares the table's columns as
 * they are now: a migration that adds a column to (or rebuilds, which drops its triggers) a table with
 * updated_at calls this again. No-op on MySQL/MariaDB.
 */
export async function createUpdatedAtTrigger(queryRunner: QueryRunner, table: string, ignored: string[] = []): Promise<void> {
  if (queryRunner.connection.options.type !== 'better-sqlite3') return;
  const columns: { name: string }[] = await queryRunner.query(`PRAGMA table_info("${table}")`);
  const compared = columns.map(({ name }) => name).filter((name) => name !== 'updated_at' && !ignored.includes(name));
  const changed = compared.map((name) => `NEW."${name}" IS NOT OLD."${name}"`).join(' OR ');
  await queryRunner.query(`DROP TRIGGER IF EXISTS "${updatedAtTrigger(table)}"`);
  await queryRunner.query(
    `CREATE TRIGGER "${updatedAtTrigger(table)}" AFTER UPDATE ON "${table}" FOR EACH ROW ` +
      `WHEN NEW."updated_at" IS OLD."updated_at" AND (${changed}) ` +
      `BEGIN UPDATE "${table}" SET "updated_at" = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE "id" = NEW."id"; END`,
  );
}

export async function dropUpdatedAtTrigger(queryRunner: QueryRunner, table: string): Promise<void> {
  if (queryRunner.connection.options.type !== 'better-sqlite3') return;
  await queryRunner.query(`DROP TRIGGER IF EXISTS "${updatedAtTrigger(table)}"`);
}
