import type { MigrationInterface, QueryRunner } from 'typeorm';
import { normalizeEmail } from '../../modules/users/email-address.js';

/**
 * E-mail addresses compare exactly. Existing addresses take the one spelling the API compares
 * (`normalizeEmail`: trimmed, lower-case, NFC), and on MySQL/MariaDB `users.email` compares bytes
 * (utf8mb4_bin) instead of the database's case- and accent-insensitive collation, under which
 * `ádmin@…` or `admin\u200b@…` found the account of `admin@…`. SQLite already compares bytes.
 *
 * Two accounts whose addresses differ only in spelling (`Ann@x` and `ann@x`; possible on SQLite only,
 * where the column always compared bytes) would become one address: the migration then stops before
 * changing anything and names them, because which of the two owns the address is not for it to guess.
 * Change or delete one of them, then start again.
 */
export class ExactUserEmails1795710000000 implements MigrationInterface {
  name = 'ExactUserEmails1795710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: number; email: string }[] = await queryRunner.query('SELECT id, email FROM users ORDER BY id');
    const byAddress = new Map<string, { id: number; email: string }[]>();
    for (const row of rows) {
      const email = normalizeEmail(row.email);
      byAddress.set(email, [...(byAddress.get(email) ?? []), row]);
    }
    const clashes = [...byAddress.values()].filter((group) => group.length > 1);
    if (clashes.length > 0) {
      const listed = clashes.map((group) => group.map(({ id, email }) => `#${id} ${JSON.stringify(email)}`).join(' = ')).join('; ');
      throw new Error(
        `users.email: these accounts differ only in the spelling of their e-mail address; change or delete one of each: ${listed}`,
      );
    }
    for (const row of rows) {
      const email = normalizeEmail(row.email);
      if (email !== row.email) await queryRunner.query('UPDATE users SET email = ? WHERE id = ?', [email, row.id]);
    }
    await this.setCollation(queryRunner, 'utf8mb4_bin');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Back to the table's default collation; the addresses stay lower-case (as the API always wrote them).
    await this.setCollation(queryRunner, undefined);
  }

  private async setCollation(queryRunner: QueryRunner, collation: string | undefined): Promise<void> {
    if (queryRunner.connection.options.type !== 'mysql') return;
    const table = await queryRunner.getTable('users');
    const column = table?.findColumnByName('email');
    if (!table || !column) throw new Error('users.email is missing');
    const changed = column.clone();
    changed.collation = collation;
    await queryRunner.changeColumn(table, column, changed);
  }
}
