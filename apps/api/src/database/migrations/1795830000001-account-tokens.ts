import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Whether a user's e-mail is verified (false for every existing account: none was ever checked), and
 * the single-use tokens of e-mail verification and password reset, stored hashed.
 */
export class AccountTokens1795830000001 implements MigrationInterface {
  name = 'AccountTokens1795830000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    await queryRunner.addColumn('users', new TableColumn({ name: 'email_verified', type: 'boolean', default: 0 }));
    await queryRunner.createTable(
      new Table({
        name: 'account_tokens',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'integer' },
          { name: 'purpose', type: 'varchar', length: '20' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'expires_at', type: 'datetime', precision: 3 },
          { name: 'used_at', type: 'datetime', precision: 3, isNullable: true },
          {
            name: 'created_at',
            type: 'datetime',
            precision: 3,
            default: mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))",
          },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_account_tokens_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          }),
        ],
        indices: [
          new TableIndex({ name: 'UQ_account_tokens_hash', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'IDX_account_tokens_user', columnNames: ['user_id', 'purpose'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('account_tokens');
    // A plain DROP COLUMN (SQLite 3.35+): TypeORM's dropColumn rebuilds the table on SQLite, which a
    // revert (in a transaction, foreign keys on) cannot do to a table others reference.
    await queryRunner.query('ALTER TABLE users DROP COLUMN email_verified');
  }
}
