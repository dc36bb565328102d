import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The audit log of staff actions, and its permission for the admin role (which holds every permission). */
export class AuditLog1795651200000 implements MigrationInterface {
  name = 'AuditLog1795651200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'actor_id', type: 'int' },
          { name: 'action', type: 'varchar', length: '40' },
          { name: 'target_type', type: 'varchar', length: '20' },
          { name: 'target_id', type: 'int' },
          { name: 'old_values', type: 'text', isNullable: true },
          { name: 'new_values', type: 'text', isNullable: true },
          {
            name: 'created_at',
            type: 'datetime',
            precision: 3,
            default: mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))",
          },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['actor_id'], referencedTableName: 'users', referencedColumnNames: ['id'] })],
        indices: [
          new TableIndex({ name: 'IDX_audit_log_created', columnNames: ['created_at'] }),
          new TableIndex({ name: 'IDX_audit_log_actor', columnNames: ['actor_id', 'created_at'] }),
          new TableIndex({ name: 'IDX_audit_log_target', columnNames: ['target_type', 'target_id'] }),
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO role_permissions (role_id, permission)
       SELECT id, 'audit:read' FROM roles
       WHERE name = 'admin' AND NOT EXISTS (SELECT 1 FROM role_permissions WHERE role_id = roles.id AND permission = 'audit:read')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM role_permissions WHERE permission = 'audit:read'");
    await queryRunner.dropTable('audit_log');
  }
}
