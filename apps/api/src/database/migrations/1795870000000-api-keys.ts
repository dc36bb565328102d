import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** API keys (personal access tokens), stored hashed, and the permissions each was given. */
export class ApiKeys1795870000000 implements MigrationInterface {
  name = 'ApiKeys1795870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'prefix', type: 'varchar', length: '11' },
          { name: 'key_hash', type: 'varchar', length: '64' },
          { name: 'expires_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_used_at', type: 'datetime', precision: 3, isNullable: true },
          {
            name: 'created_at',
            type: 'datetime',
            precision: 3,
            default: mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))",
          },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_api_keys_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          }),
        ],
        indices: [
          new TableIndex({ name: 'UQ_api_keys_hash', columnNames: ['key_hash'], isUnique: true }),
          new TableIndex({ name: 'IDX_api_keys_user', columnNames: ['user_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'api_key_permissions',
        columns: [
          { name: 'api_key_id', type: 'integer', isPrimary: true },
          { name: 'permission', type: 'varchar', length: '40', isPrimary: true },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_api_key_permissions_key',
            columnNames: ['api_key_id'],
            referencedTableName: 'api_keys',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_key_permissions');
    await queryRunner.dropTable('api_keys');
  }
}
