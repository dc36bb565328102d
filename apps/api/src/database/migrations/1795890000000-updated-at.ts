import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createUpdatedAtTrigger, dropUpdatedAtTrigger } from '../timestamps.js';

/** Every table with an updated_at column, and the columns whose change is not a change of the row as the API shows it. */
const TIMESTAMPED: [table: string, ignored: string[]][] = [
  ['roles', []],
  ['users', []],
  ['services', []],
  ['ticket_types', []],
  ['schedules', []],
  ['sessions', []],
  // A reminder sent is the booking's bookkeeping, not a change an integrator syncs.
  ['bookings', ['reminded_at']],
  ['outbox', []],
  ['webhook_endpoints', []],
  ['webhook_deliveries', []],
];

const INDEXES: [table: string, index: TableIndex][] = [
  // updatedSince / sort=updatedAt on everyone's bookings, and on a customer's own.
  ['bookings', new TableIndex({ name: 'IDX_bookings_updated', columnNames: ['updated_at'] })],
  ['bookings', new TableIndex({ name: 'IDX_bookings_user_updated', columnNames: ['user_id', 'updated_at'] })],
  // The catalogue lists live services (deleted_at IS NULL) only.
  ['services', new TableIndex({ name: 'IDX_services_live_updated', columnNames: ['deleted_at', 'updated_at'] })],
];

/**
 * updated_at, moved by the database on SQLite as on MySQL/MariaDB (where the column's ON UPDATE
 * CURRENT_TIMESTAMP(3) already does it): a trigger per table (see Timestamped). And indexes for
 * incremental sync, which filters and sorts bookings and services by updated_at.
 */
export class UpdatedAt1795890000000 implements MigrationInterface {
  name = 'UpdatedAt1795890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, ignored] of TIMESTAMPED) await createUpdatedAtTrigger(queryRunner, table, ignored);
    for (const [table, index] of INDEXES) await queryRunner.createIndex(table, index);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, index] of INDEXES.toReversed()) await queryRunner.dropIndex(table, index.name!);
    for (const [table] of TIMESTAMPED) await dropUpdatedAtTrigger(queryRunner, table);
  }
}
