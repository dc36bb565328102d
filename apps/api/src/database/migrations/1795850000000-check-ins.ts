import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Built-in permissions this migration grants, by role. `admin` holds every permission. */
const GRANTS = [
  ['staff', 'checkins:write'],
  ['staff', 'bookings:read:any'],
  ['admin', 'checkins:write'],
] as const;

/**
 * Check-in at the door: when a booking was checked in and by whom (a user id without a foreign key:
 * accounts are only ever soft-deleted, and on SQLite a key would mean rebuilding bookings, which
 * other tables reference), the `checkins:write` permission,
 * and the built-in `staff` role of door staff, which holds it with `bookings:read:any`. A role named
 * `staff` made earlier becomes that built-in role.
 */
export class CheckIns1795850000000 implements MigrationInterface {
  name = 'CheckIns1795850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    await queryRunner.addColumns('bookings', [
      new TableColumn({ name: 'checked_in_at', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'checked_in_by', type: 'integer', isNullable: true }),
    ]);
    await queryRunner.query(
      `INSERT INTO roles (name, description, built_in) SELECT 'staff', 'Checks tickets in at the door', 1${mysql ? ' FROM DUAL' : ''}
       WHERE NOT EXISTS (SELECT 1 FROM roles WHERE name = 'staff')`,
    );
    await queryRunner.query("UPDATE roles SET built_in = 1 WHERE name = 'staff'");
    await queryRunner.query("UPDATE roles SET description = 'Checks tickets in at the door' WHERE name = 'staff' AND description = ''");
    for (const [role, permission] of GRANTS) {
      await queryRunner.query(
        `INSERT INTO role_permissions (role_id, permission)
         SELECT id, ? FROM roles
         WHERE name = ? AND NOT EXISTS (SELECT 1 FROM role_permissions WHERE role_id = roles.id AND permission = ?)`,
        [permission, role, permission],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM role_permissions WHERE permission = 'checkins:write'");
    // The staff role stays (its users keep it), as a role of their own.
    await queryRunner.query("UPDATE roles SET built_in = 0 WHERE name = 'staff'");
    // Plain DROP COLUMNs (SQLite 3.35+): TypeORM's dropColumn rebuilds the table on SQLite, which a
    // revert (in a transaction, foreign keys on) cannot do to a table others reference.
    await queryRunner.query('ALTER TABLE bookings DROP COLUMN checked_in_by');
    await queryRunner.query('ALTER TABLE bookings DROP COLUMN checked_in_at');
  }
}
