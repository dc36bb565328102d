import type { MigrationInterface, QueryRunner } from 'typeorm';
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

/**
 * updated_at, moved by the database on SQLite as on MySQL/MariaDB (where the column's ON UPDATE
 * CURRENT_TIMESTAMP(3) already does it): a trigger per table (see Timestamped).
 */
export class UpdatedAt1795890000000 implements MigrationInterface {
  name = 'UpdatedAt1795890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, ignored] of TIMESTAMPED) await createUpdatedAtTrigger(queryRunner, table, ignored);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TIMESTAMPED) await dropUpdatedAtTrigger(queryRunner, table);
  }
}
