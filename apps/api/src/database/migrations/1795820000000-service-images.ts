import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A service's picture: `image_key` names its stored renditions (see services/pictures), `image_alt`
 * is its text alternative. Both null when the service has no picture.
 */
export class ServiceImages1795820000000 implements MigrationInterface {
  name = 'ServiceImages1795820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('services', [
      new TableColumn({ name: 'image_key', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'image_alt', type: 'varchar', length: '200', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Plain DROP COLUMNs (SQLite 3.35+): TypeORM's dropColumns rebuilds the table on SQLite, which a
    // revert (in a transaction, foreign keys on) cannot do to a table others reference.
    await queryRunner.query('ALTER TABLE services DROP COLUMN image_alt');
    await queryRunner.query('ALTER TABLE services DROP COLUMN image_key');
  }
}
