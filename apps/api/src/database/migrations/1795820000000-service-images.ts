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
    await queryRunner.dropColumns('services', ['image_alt', 'image_key']);
  }
}
