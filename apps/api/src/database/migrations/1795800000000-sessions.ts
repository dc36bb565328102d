import {
  Table,
  TableCheck,
  TableColumn,
  TableForeignKey,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';
import { addDays, zonedInstant } from '../../common/venue-clock.js';
import { newBookingReference } from '../../modules/bookings/booking-reference.js';
import { utcDateTime } from '../plain-rows.js';

const CHECK = { name: 'CHK_sessions_booked', expression: 'booked >= 0' };
const INVENTORY_CHECK = { name: 'CHK_service_day_inventory_booked', expression: 'booked >= 0' };

const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
/** `integer`, the name TypeORM gives an entity's `int` (SQLite keeps the word it is given). */
const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...extra });
const varchar = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  ...extra,
});
const key = (name: string, column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL' = 'RESTRICT') =>
  new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
    onUpdate: 'NO ACTION',
  });

/**
 * created_at / updated_at as the older tables have them since SchemaAsDeclared1795720000000: the
 * default differs by database, and on MySQL/MariaDB updated_at follows every update (ON UPDATE).
 */
function timestamps(queryRunner: QueryRunner): TableColumnOptions[] {
  const mysql = isMysql(queryRunner);
  const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
  return [
    { name: 'created_at', type: 'datetime', precision: 3, default: now },
    { name: 'updated_at', type: 'datetime', precision: 3, default: now, ...(mysql && { onUpdate: 'CURRENT_TIMESTAMP(3)' }) },
  ];
}

const isMysql = (queryRunner: QueryRunner) => queryRunner.connection.options.type === 'mysql';

/**
 * Sessions and ticket types (DESIGN §6). Capacity moves from the day to the session: every (service,
 * date) that has bookings or an inventory row becomes an all-day session (from the venue's local
 * midnight of that date to the next, in VENUE_TIMEZONE) holding the day's booked count; every service
 * gets a `Standard` ticket type at its price, and every booking its session, a reference and one
 * `Standard` ticket line. `service_day_inventory` then goes: `sessions.booked` is the single source
 * of truth for places taken. down() rebuilds the day inventory from the sessions.
 */
export class Sessions1795800000000 implements MigrationInterface {
  name = 'Sessions1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = isMysql(queryRunner);
    await this.serviceColumns(queryRunner, 'add');
    await queryRunner.createTable(
      new Table({
        name: 'ticket_types',
        columns: [
          id,
          int('service_id'),
          varchar('name', 60),
          int('price_cents'),
          int('position'),
          { name: 'is_active', type: 'boolean', default: 1 },
          ...timestamps(queryRunner),
        ],
        foreignKeys: [key('FK_ticket_types_service', 'service_id', 'services')],
        indices: [new TableIndex({ name: 'IDX_ticket_types_service_position', columnNames: ['service_id', 'position'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'schedules',
        columns: [
          id,
          int('service_id'),
          varchar('weekdays', 20),
          varchar('times', 500),
          { name: 'starts_on', type: 'date' },
          { name: 'ends_on', type: 'date', isNullable: true },
          int('capacity', { isNullable: true }),
          ...timestamps(queryRunner),
        ],
        foreignKeys: [key('FK_schedules_service', 'service_id', 'services')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          id,
          int('service_id'),
          int('schedule_id', { isNullable: true }),
          { name: 'starts_at', type: 'datetime', precision: 3 },
          { name: 'ends_at', type: 'datetime', precision: 3 },
          { name: 'local_date', type: 'date' },
          { name: 'all_day', type: 'boolean' },
          int('capacity'),
          int('booked', { default: 0 }),
          varchar('status', 20, { default: "'scheduled'" }),
          ...timestamps(queryRunner),
        ],
        foreignKeys: [
          key('FK_sessions_service', 'service_id', 'services'),
          key('FK_sessions_schedule', 'schedule_id', 'schedules', 'SET NULL'),
        ],
        indices: [
          new TableIndex({ name: 'UQ_sessions_service_start', columnNames: ['service_id', 'starts_at'], isUnique: true }),
          new TableIndex({ name: 'IDX_sessions_service_date', columnNames: ['service_id', 'local_date'] }),
        ],
        // TypeORM's MySQL runner does not create checks (added below); its SQLite runner does.
        checks: mysql ? [] : [new TableCheck(CHECK)],
      }),
    );
    if (mysql) await queryRunner.query(`ALTER TABLE sessions ADD CONSTRAINT ${CHECK.name} CHECK (${CHECK.expression})`);

    await queryRunner.query(
      "INSERT INTO ticket_types (service_id, name, price_cents, position, is_active) SELECT id, 'Standard', price_cents, 0, 1 FROM services",
    );
    await this.daysToSessions(queryRunner);

    await queryRunner.addColumns('bookings', [
      new TableColumn(int('session_id', { isNullable: true })),
      new TableColumn(varchar('reference', 8, { isNullable: true })),
    ]);
    await queryRunner.query(
      'UPDATE bookings SET session_id = (SELECT s.id FROM sessions s ' +
        'WHERE s.service_id = bookings.service_id AND s.local_date = bookings.booking_date AND s.all_day = 1)',
    );
    const bookings: { id: number | string }[] = await queryRunner.query('SELECT id FROM bookings ORDER BY id');
    const taken = new Set<string>();
    for (const booking of bookings) {
      let reference = newBookingReference();
      while (taken.has(reference)) reference = newBookingReference();
      taken.add(reference);
      await queryRunner.query('UPDATE bookings SET reference = ? WHERE id = ?', [reference, booking.id]);
    }
    const table = await queryRunner.getTable('bookings');
    if (!table) throw new Error('bookings is missing');
    await queryRunner.changeColumns(
      table,
      ['session_id', 'reference'].map((name) => {
        const column = table.findColumnByName(name);
        if (!column) throw new Error(`bookings.${name} is missing`);
        const required = column.clone();
        required.isNullable = false;
        required.default = undefined;
        return { oldColumn: column, newColumn: required };
      }),
    );
    await queryRunner.createIndex(
      'bookings',
      new TableIndex({ name: 'UQ_bookings_reference', columnNames: ['reference'], isUnique: true }),
    );
    await queryRunner.createForeignKey('bookings', key('FK_bookings_session', 'session_id', 'sessions'));

    await queryRunner.createTable(
      new Table({
        name: 'booking_items',
        columns: [id, int('booking_id'), int('ticket_type_id'), varchar('name', 60), int('unit_price_cents'), int('quantity')],
        foreignKeys: [
          key('FK_booking_items_booking', 'booking_id', 'bookings', 'CASCADE'),
          key('FK_booking_items_ticket_type', 'ticket_type_id', 'ticket_types'),
        ],
      }),
    );
    await queryRunner.query(
      'INSERT INTO booking_items (booking_id, ticket_type_id, name, unit_price_cents, quantity) ' +
        'SELECT b.id, t.id, t.name, b.unit_price_cents, b.quantity FROM bookings b INNER JOIN ticket_types t ON t.service_id = b.service_id ORDER BY b.id',
    );
    await queryRunner.dropTable('service_day_inventory');
  }

  /** One all-day session per (service, date) with bookings or an inventory row, holding the day's booked count. */
  private async daysToSessions(queryRunner: QueryRunner): Promise<void> {
    const timeZone = process.env.VENUE_TIMEZONE || 'UTC';
    const days: { service_id: number | string; date: string; booked: number | string | null; capacity: number | string }[] =
      await queryRunner.query(
        'SELECT d.service_id, d.date, i.booked, s.capacity FROM (' +
          'SELECT service_id, date FROM service_day_inventory UNION SELECT service_id, booking_date AS date FROM bookings' +
          ') d INNER JOIN services s ON s.id = d.service_id ' +
          'LEFT JOIN service_day_inventory i ON i.service_id = d.service_id AND i.date = d.date ORDER BY d.service_id, d.date',
      );
    for (const day of days) {
      await queryRunner.query(
        'INSERT INTO sessions (service_id, starts_at, ends_at, local_date, all_day, capacity, booked) VALUES (?, ?, ?, ?, 1, ?, ?)',
        [
          day.service_id,
          utcDateTime(zonedInstant(day.date, '00:00', timeZone)),
          utcDateTime(zonedInstant(addDays(day.date, 1), '00:00', timeZone)),
          day.date,
          day.capacity,
          Number(day.booked ?? 0),
        ],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const mysql = isMysql(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'service_day_inventory',
        columns: [int('service_id', { isPrimary: true }), { name: 'date', type: 'date', isPrimary: true }, int('booked', { default: 0 })],
        foreignKeys: [key('FK_92c55a9cb6e80aa8e0ac7d7443d', 'service_id', 'services', 'CASCADE')],
        checks: mysql ? [] : [new TableCheck(INVENTORY_CHECK)],
      }),
    );
    if (mysql)
      await queryRunner.query(
        `ALTER TABLE service_day_inventory ADD CONSTRAINT ${INVENTORY_CHECK.name} CHECK (${INVENTORY_CHECK.expression})`,
      );
    await queryRunner.query(
      "INSERT INTO service_day_inventory (service_id, date, booked) SELECT service_id, local_date, SUM(booked) FROM sessions WHERE status = 'scheduled' " +
        'GROUP BY service_id, local_date',
    );
    await queryRunner.dropTable('booking_items');
    await queryRunner.dropForeignKey('bookings', 'FK_bookings_session');
    await queryRunner.dropIndex('bookings', 'UQ_bookings_reference');
    await queryRunner.dropColumns('bookings', ['session_id', 'reference']);
    for (const table of ['sessions', 'schedules', 'ticket_types']) await queryRunner.dropTable(table);
    await this.serviceColumns(queryRunner, 'drop');
  }

  /**
   * services.sales_close_minutes and cancellation_cutoff_hours. On SQLite by ALTER TABLE: TypeORM's
   * runner would rebuild the table, and dropping `services` fails while bookings refer to it.
   */
  private async serviceColumns(queryRunner: QueryRunner, change: 'add' | 'drop'): Promise<void> {
    const names = ['sales_close_minutes', 'cancellation_cutoff_hours'];
    if (isMysql(queryRunner)) {
      if (change === 'add')
        await queryRunner.addColumns(
          'services',
          names.map((name) => new TableColumn(int(name, { default: 0 }))),
        );
      else await queryRunner.dropColumns('services', names);
      return;
    }
    for (const name of names) {
      await queryRunner.query(
        change === 'add'
          ? `ALTER TABLE "services" ADD COLUMN "${name}" integer NOT NULL DEFAULT (0)`
          : `ALTER TABLE "services" DROP COLUMN "${name}"`,
      );
    }
  }
}
