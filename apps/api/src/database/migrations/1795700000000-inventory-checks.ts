import { TableCheck, type MigrationInterface, type QueryRunner } from 'typeorm';

const NAME = 'CHK_service_day_inventory_booked';
const EXPRESSION = 'booked >= 0';

/**
 * A day's booked count can never go below zero: a place released twice now fails its statement
 * (and the request's transaction) instead of letting the day be sold past its capacity. Counts an
 * earlier double release left behind are first rebuilt from the bookings that hold places
 * (confirmed and completed), as the constraint cannot be added over rows that break it.
 *
 * `booked <= capacity` is not a CHECK: capacity lives on `services`, and neither MySQL/MariaDB nor
 * SQLite lets a CHECK read another table; the booking's conditional UPDATE keeps that rule.
 */
export class InventoryChecks1795700000000 implements MigrationInterface {
  name = 'InventoryChecks1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'UPDATE service_day_inventory SET booked = (SELECT COALESCE(SUM(b.quantity), 0) FROM bookings b ' +
        'WHERE b.service_id = service_day_inventory.service_id AND b.booking_date = service_day_inventory.date ' +
        "AND b.status IN ('confirmed', 'completed'))",
    );
    if (queryRunner.connection.options.type === 'mysql') {
      // TypeORM's MySQL runner does not create checks; MariaDB 10.2+ and MySQL 8.0.16+ enforce this one.
      await queryRunner.query(`ALTER TABLE service_day_inventory ADD CONSTRAINT ${NAME} CHECK (${EXPRESSION})`);
    } else {
      // SQLite adds a CHECK only by rebuilding the table, which TypeORM's runner does.
      await queryRunner.createCheckConstraint('service_day_inventory', new TableCheck({ name: NAME, expression: EXPRESSION }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query(`ALTER TABLE service_day_inventory DROP CONSTRAINT ${NAME}`);
    } else {
      await queryRunner.dropCheckConstraint('service_day_inventory', NAME);
    }
  }
}
