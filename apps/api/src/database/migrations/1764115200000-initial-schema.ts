import { ALL_PERMISSIONS, BUILT_IN_ROLES } from '@marquee/contracts';
import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** The same column set on MySQL/MariaDB and SQLite; only the timestamp default differs. */
function columns(queryRunner: QueryRunner) {
  const mysql = queryRunner.connection.options.type === 'mysql';
  const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
  return {
    id: (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
    int: (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra }),
    text: (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      ...extra,
    }),
    bool: (name: string, fallback: boolean): TableColumnOptions => ({ name, type: 'boolean', default: fallback ? 1 : 0 }),
    time: (name: string, nullable = false): TableColumnOptions =>
      nullable ? { name, type: 'datetime', precision: 3, isNullable: true } : { name, type: 'datetime', precision: 3, default: now },
    date: (name: string): TableColumnOptions => ({ name, type: 'date' }),
  };
}

const foreignKey = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'RESTRICT') =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

export class InitialSchema1764115200000 implements MigrationInterface {
  name = 'InitialSchema1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'roles',
        columns: [
          c.id(),
          c.text('name', 40, { isUnique: true }),
          c.text('description', 200, { default: "''" }),
          c.bool('built_in', false),
          c.time('created_at'),
          c.time('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'role_permissions',
        columns: [c.int('role_id', { isPrimary: true }), c.text('permission', 40, { isPrimary: true })],
        foreignKeys: [foreignKey('role_id', 'roles', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          c.text('name', 100),
          c.text('email', 254, { isUnique: true }),
          c.text('password_hash', 100),
          c.int('role_id'),
          c.bool('is_active', true),
          c.time('created_at'),
          c.time('updated_at'),
          c.time('deleted_at', true),
        ],
        foreignKeys: [foreignKey('role_id', 'roles')],
        indices: [new TableIndex({ name: 'IDX_users_role', columnNames: ['role_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'services',
        columns: [
          c.id(),
          c.text('name', 120),
          { name: 'description', type: 'text' },
          c.text('category', 20),
          c.int('price_cents'),
          c.text('currency', 3, { default: "'USD'" }),
          c.int('duration_minutes'),
          c.int('capacity'),
          c.text('availability_status', 20, { default: "'available'" }),
          c.text('image_url', 500, { isNullable: true }),
          c.text('location', 200, { isNullable: true }),
          c.time('created_at'),
          c.time('updated_at'),
          c.time('deleted_at', true),
        ],
        indices: [
          new TableIndex({ name: 'IDX_services_category', columnNames: ['category'] }),
          new TableIndex({ name: 'IDX_services_price', columnNames: ['price_cents'] }),
          new TableIndex({ name: 'IDX_services_name', columnNames: ['name'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'service_day_inventory',
        columns: [c.int('service_id', { isPrimary: true }), { ...c.date('date'), isPrimary: true }, c.int('booked', { default: 0 })],
        foreignKeys: [foreignKey('service_id', 'services', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'bookings',
        columns: [
          c.id(),
          c.int('user_id'),
          c.int('service_id'),
          c.date('booking_date'),
          c.int('quantity'),
          c.int('unit_price_cents'),
          c.int('total_cents'),
          c.text('currency', 3),
          c.text('status', 20),
          c.text('notes', 500, { isNullable: true }),
          c.text('idempotency_key', 100, { isNullable: true }),
          c.time('created_at'),
          c.time('updated_at'),
          c.time('cancelled_at', true),
        ],
        foreignKeys: [foreignKey('user_id', 'users'), foreignKey('service_id', 'services')],
        indices: [
          new TableIndex({ name: 'IDX_bookings_user_date', columnNames: ['user_id', 'booking_date'] }),
          new TableIndex({ name: 'IDX_bookings_service_date', columnNames: ['service_id', 'booking_date'] }),
          new TableIndex({ name: 'UQ_bookings_user_idempotency', columnNames: ['user_id', 'idempotency_key'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          c.text('id', 36, { isPrimary: true }),
          c.int('user_id'),
          c.text('family_id', 36),
          c.text('token_hash', 64),
          c.time('expires_at'),
          c.time('revoked_at', true),
          c.text('replaced_by', 36, { isNullable: true }),
          c.time('created_at'),
        ],
        foreignKeys: [foreignKey('user_id', 'users', 'CASCADE')],
        indices: [
          new TableIndex({ name: 'IDX_refresh_tokens_family', columnNames: ['family_id'] }),
          new TableIndex({ name: 'IDX_refresh_tokens_user', columnNames: ['user_id'] }),
        ],
      }),
    );

    for (const [name, permissions] of Object.entries(BUILT_IN_ROLES)) {
      const description =
        { admin: 'Runs the whole platform', manager: 'Runs the catalogue and bookings', customer: 'Books services' }[name] ?? '';
      await queryRunner.query('INSERT INTO roles (name, description, built_in) VALUES (?, ?, ?)', [name, description, 1]);
      const [{ id }] = (await queryRunner.query('SELECT id FROM roles WHERE name = ?', [name])) as { id: number }[];
      for (const permission of name === 'admin' ? ALL_PERMISSIONS : permissions) {
        await queryRunner.query('INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)', [id, permission]);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['refresh_tokens', 'bookings', 'service_day_inventory', 'services', 'users', 'role_permissions', 'roles']) {
      await queryRunner.dropTable(table);
    }
  }
}
