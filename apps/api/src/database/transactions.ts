import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const MYSQL_RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 4;

/**
 * Runs work in one database transaction. MySQL: READ COMMITTED, retried on deadlock.
 * SQLite has one connection shared by the whole process, so transactions (and every write)
 * take turns through an in-process queue instead of interleaving on that connection.
 */
@Injectable()
export class Transactions {
  private readonly serialized: boolean;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {
    this.serialized = dataSource.options.type !== 'mysql';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.serialized ? this.inTurn(() => this.dataSource.transaction(work)) : this.withRetry(work);
  }

  private async withRetry<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction('READ COMMITTED', work);
      } catch (error) {
        const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
        if (attempt >= MAX_ATTEMPTS || !code || !MYSQL_RETRYABLE.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
      }
    }
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * The clause that makes a SELECT in `manager`'s transaction lock the rows it reads until the
 * transaction ends, so that a decision taken on them still holds when the transaction writes:
 * ` FOR UPDATE` on MySQL, where transactions interleave; nothing on SQLite, where they take turns.
 */
export function forUpdate(manager: EntityManager): string {
  return manager.connection.options.type === 'mysql' ? ' FOR UPDATE' : '';
}

/**
 * {@link forUpdate}'s shared form: the rows read stay as read until the transaction ends, and other
 * transactions may read them the same way at once (` LOCK IN SHARE MODE` on MySQL, nothing on SQLite).
 */
export function forShare(manager: EntityManager): string {
  return manager.connection.options.type === 'mysql' ? ' LOCK IN SHARE MODE' : '';
}

/** True for a unique-key violation on MySQL/MariaDB or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; errno?: number } }).driverError ?? (error as { code?: string });
  const code = (driverError as { code?: string }).code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when SQLite refused a statement because another connection holds the database (SQLITE_BUSY and its variants). */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
