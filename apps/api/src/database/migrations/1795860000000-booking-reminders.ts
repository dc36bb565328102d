import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** When a booking's reminder was queued: the mark that makes it one reminder per booking, whatever the number of processes. */
export class BookingReminders1795860000000 implements MigrationInterface {
  name = 'BookingReminders1795860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('bookings', new TableColumn({ name: 'reminded_at', type: 'datetime', precision: 3, isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // A plain DROP COLUMN (SQLite 3.35+): TypeORM's dropColumn rebuilds the table on SQLite, which a
    // revert (in a transaction, foreign keys on) cannot do to a table others reference.
    await queryRunner.query('ALTER TABLE bookings DROP COLUMN reminded_at');
  }
}
