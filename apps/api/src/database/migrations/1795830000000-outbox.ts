import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The outbox of messages to send, and the permission to see and retry dead ones, for the admin role (which holds every permission). */
export class Outbox1795830000000 implements MigrationInterface {
  name = 'Outbox1795830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    await queryRunner.createTable(
      new Table({
        name: 'outbox',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'recipient', type: 'varchar', length: '254' },
          { name: 'payload', type: 'text' },
          { name: 'status', type: 'varchar', length: '10', default: "'pending'" },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_attempt_at', type: 'datetime', precision: 3 },
          { name: 'claimed_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'claimed_until', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'sent_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3, default: now },
          { name: 'updated_at', type: 'datetime', precision: 3, default: now, ...(mysql && { onUpdate: 'CURRENT_TIMESTAMP(3)' }) },
        ],
        indices: [new TableIndex({ name: 'IDX_outbox_due', columnNames: ['status', 'next_attempt_at'] })],
      }),
    );
    await queryRunner.query(
      `INSERT INTO role_permissions (role_id, permission)
       SELECT id, 'messages:manage' FROM roles
       WHERE name = 'admin' AND NOT EXISTS (SELECT 1 FROM role_permissions WHERE role_id = roles.id AND permission = 'messages:manage')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM role_permissions WHERE permission = 'messages:manage'");
    await queryRunner.dropTable('outbox');
  }
}
