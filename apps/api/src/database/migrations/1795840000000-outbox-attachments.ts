import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Files sent with a message (a booking confirmation's QR e-ticket and calendar file), written with it into the outbox. */
export class OutboxAttachments1795840000000 implements MigrationInterface {
  name = 'OutboxAttachments1795840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('outbox', new TableColumn({ name: 'attachments', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox DROP COLUMN attachments');
  }
}
