import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A service's timed sessions in start order (service_id, all_day, starts_at): the catalogue asks
 * whether each listed service has any (one index probe, none for an all-day service) and when the
 * next one with places left starts. Without it both read every session of the service, past ones
 * included (bench S1: about 560 rows per page of all-day services).
 */
export class TimedSessionsIndex1795895000000 implements MigrationInterface {
  name = 'TimedSessionsIndex1795895000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'sessions',
      new TableIndex({ name: 'IDX_sessions_service_timed', columnNames: ['service_id', 'all_day', 'starts_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('sessions', 'IDX_sessions_service_timed');
  }
}
