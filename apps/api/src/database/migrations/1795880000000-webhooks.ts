import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Webhook endpoints and their deliveries, and the permission to manage them, for the admin role (which holds every permission). */
export class Webhooks1795880000000 implements MigrationInterface {
  name = 'Webhooks1795880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    const timestamps = [
      { name: 'created_at', type: 'datetime', precision: 3, default: now },
      { name: 'updated_at', type: 'datetime', precision: 3, default: now, ...(mysql && { onUpdate: 'CURRENT_TIMESTAMP(3)' }) },
    ];
    await queryRunner.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'url', type: 'varchar', length: '2000' },
          { name: 'events', type: 'varchar', length: '400' },
          { name: 'description', type: 'varchar', length: '500', default: "''" },
          { name: 'secret', type: 'varchar', length: '64' },
          { name: 'failing_since', type: 'datetime', precision: 3, isNullable: true },
          { name: 'disabled_at', type: 'datetime', precision: 3, isNullable: true },
          ...timestamps,
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'endpoint_id', type: 'integer' },
          { name: 'event_id', type: 'varchar', length: '40' },
          { name: 'event_type', type: 'varchar', length: '40' },
          { name: 'payload', type: 'text' },
          { name: 'status', type: 'varchar', length: '10', default: "'pending'" },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_attempt_at', type: 'datetime', precision: 3 },
          { name: 'claimed_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'claimed_until', type: 'datetime', precision: 3, isNullable: true },
          { name: 'response_status', type: 'integer', isNullable: true },
          { name: 'response_excerpt', type: 'text', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'delivered_at', type: 'datetime', precision: 3, isNullable: true },
          ...timestamps,
        ],
        indices: [
          new TableIndex({ name: 'IDX_webhook_deliveries_due', columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ name: 'IDX_webhook_deliveries_endpoint', columnNames: ['endpoint_id', 'id'] }),
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO role_permissions (role_id, permission)
       SELECT id, 'webhooks:manage' FROM roles
       WHERE name = 'admin' AND NOT EXISTS (SELECT 1 FROM role_permissions WHERE role_id = roles.id AND permission = 'webhooks:manage')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM role_permissions WHERE permission = 'webhooks:manage'");
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhook_endpoints');
  }
}
