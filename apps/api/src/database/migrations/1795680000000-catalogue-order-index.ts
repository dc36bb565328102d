import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The catalogue's default page — live services (deleted_at IS NULL) by name, then id — read in
 * index order: without it MySQL/MariaDB scanned and sorted every service for each page (EXPLAIN:
 * "Using filesort"; bench/README.md). InnoDB appends the primary key, so the id tie-break is covered.
 */
export class CatalogueOrderIndex1795680000000 implements MigrationInterface {
  name = 'CatalogueOrderIndex1795680000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('services', new TableIndex({ name: 'IDX_services_live_name', columnNames: ['deleted_at', 'name'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('services', 'IDX_services_live_name');
  }
}
