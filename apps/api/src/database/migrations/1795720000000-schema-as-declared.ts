import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every foreign key of the schema: table, name, column, referenced table (by `id`), ON DELETE as created. */
const FOREIGN_KEYS = [
  ['role_permissions', 'FK_178199805b901ccd220ab7740ec', 'role_id', 'roles', 'CASCADE'],
  ['users', 'FK_a2cecd1a3531c0b041e29ba46e1', 'role_id', 'roles', 'RESTRICT'],
  ['service_day_inventory', 'FK_92c55a9cb6e80aa8e0ac7d7443d', 'service_id', 'services', 'CASCADE'],
  ['bookings', 'FK_64cd97487c5c42806458ab5520c', 'user_id', 'users', 'RESTRICT'],
  ['bookings', 'FK_df22e2beaabc33a432b4f65e3c2', 'service_id', 'services', 'RESTRICT'],
  ['refresh_tokens', 'FK_3ddc983c5f7bcf132fd8732c3f4', 'user_id', 'users', 'CASCADE'],
  ['audit_log', 'FK_15a6f5aad57db494c17986ed2e2', 'actor_id', 'users', undefined],
] as const;

const TIMESTAMPED = ['roles', 'users', 'services', 'bookings'];

const INT_COLUMNS: Record<string, string[]> = {
  role_permissions: ['role_id'],
  users: ['role_id'],
  services: ['price_cents', 'duration_minutes', 'capacity'],
  service_day_inventory: ['service_id', 'booked'],
  bookings: ['user_id', 'service_id', 'quantity', 'unit_price_cents', 'total_cents'],
  refresh_tokens: ['user_id'],
  audit_log: ['actor_id', 'target_id'],
};

const SQLITE_NOW = "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";

/**
 * The schema as the entities declare it, so that `npm run migration:generate` finds nothing to do at
 * head. Nothing changes what a query sees:
 * - `refresh_tokens.expires_at` loses the default of "now" the first migration gave it by mistake
 *   (every token is written with its expiry);
 * - MySQL/MariaDB: `updated_at` also follows updates made outside TypeORM (ON UPDATE, as TypeORM's
 *   @UpdateDateColumn declares), and each foreign key states ON UPDATE NO ACTION (and audit_log's
 *   ON DELETE NO ACTION): left unstated, MariaDB reports RESTRICT, MySQL 8 and SQLite NO ACTION,
 *   the same behaviour in InnoDB under two names;
 * - SQLite: the `int` columns become `integer`, the name TypeORM gives the entities' `int` (the same
 *   type affinity, so no value changes). SQLite changes a column by rebuilding its table, which
 *   TypeORM does with the foreign keys off while migrations run. It reverts a migration inside a
 *   transaction, where they cannot be turned off: there a rebuilt table that others reference
 *   (roles, users, services) would take their rows with it (ON DELETE CASCADE) or fail, so `down`
 *   leaves the columns `integer` and only gives expires_at its default back.
 */
export class SchemaAsDeclared1795720000000 implements MigrationInterface {
  name = 'SchemaAsDeclared1795720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query('ALTER TABLE refresh_tokens ALTER expires_at DROP DEFAULT');
      for (const table of TIMESTAMPED) {
        await queryRunner.query(
          `ALTER TABLE ${table} MODIFY updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)`,
        );
      }
      await this.restateForeignKeys(queryRunner, ' ON UPDATE NO ACTION');
    } else {
      await this.changeSqliteColumns(queryRunner);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') {
      await this.restateForeignKeys(queryRunner, '');
      for (const table of TIMESTAMPED) {
        await queryRunner.query(`ALTER TABLE ${table} MODIFY updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)`);
      }
      await queryRunner.query('ALTER TABLE refresh_tokens ALTER expires_at SET DEFAULT CURRENT_TIMESTAMP(3)');
    } else {
      const table = await queryRunner.getTable('refresh_tokens');
      const expiresAt = table?.findColumnByName('expires_at');
      if (!table || !expiresAt) throw new Error('refresh_tokens.expires_at is missing');
      const withDefault = expiresAt.clone();
      withDefault.default = SQLITE_NOW;
      await queryRunner.changeColumn(table, expiresAt, withDefault);
    }
  }

  /** Drops and adds each foreign key again, ON DELETE as before and `onUpdate` after it ('' leaves it unstated). */
  private async restateForeignKeys(queryRunner: QueryRunner, onUpdate: string): Promise<void> {
    for (const [table, name, column, referenced, onDelete] of FOREIGN_KEYS) {
      const deleteRule = onDelete ?? (onUpdate ? 'NO ACTION' : undefined);
      await queryRunner.query(`ALTER TABLE ${table} DROP FOREIGN KEY ${name}`);
      await queryRunner.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${name} FOREIGN KEY (${column}) REFERENCES ${referenced} (id)` +
          (deleteRule ? ` ON DELETE ${deleteRule}` : '') +
          onUpdate,
      );
    }
  }

  /** One table rebuild each: the int columns become `integer`, and refresh_tokens.expires_at loses its default. */
  private async changeSqliteColumns(queryRunner: QueryRunner): Promise<void> {
    for (const [name, columns] of Object.entries(INT_COLUMNS)) {
      const table = await queryRunner.getTable(name);
      if (!table) throw new Error(`${name} is missing`);
      const changes = table.columns
        .filter((column) => columns.includes(column.name) || (name === 'refresh_tokens' && column.name === 'expires_at'))
        .map((oldColumn) => {
          const newColumn = oldColumn.clone();
          if (columns.includes(oldColumn.name)) newColumn.type = 'integer';
          else newColumn.default = undefined;
          return { oldColumn, newColumn };
        });
      await queryRunner.changeColumns(table, changes);
    }
  }
}
