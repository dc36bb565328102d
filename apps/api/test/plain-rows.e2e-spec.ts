import { isDeepStrictEqual } from 'node:util';
import type { DataSource } from 'typeorm';
import { createDataSource, databaseOptions } from '../src/database/database-options.js';
import { PlainRows } from '../src/database/plain-rows.js';
import { freshDatabase, type TestDatabase } from './support/database.js';

/** Raw values of every shape a database driver hands over: each column of each entity is read with each. */
const RAW_VALUES: unknown[] = [
  '7',
  7,
  1,
  0,
  'text',
  '2026-03-29',
  '2026-03-29 01:00:00.000',
  '["a"]',
  new Date('2026-03-29T01:00:00Z'),
  null,
];

/** What reading a value gives: the value, or the error thrown. */
function outcome(read: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: read() };
  } catch (error) {
    return { error: String(error) };
  }
}

/**
 * PlainRows takes most columns as the driver read them and hydrates only the types TypeORM's driver
 * converts: for every column of every entity, on this database's driver, it must give what TypeORM's
 * own hydration gives. A TypeORM that starts converting another column type fails here.
 */
describe('PlainRows', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await freshDatabase();
    dataSource = createDataSource({ ...databaseOptions(database.url), migrationsRun: false });
    await dataSource.initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('reads every entity as TypeORM hydrates it', () => {
    const differences: string[] = [];
    for (const metadata of dataSource.entityMetadatas) {
      const rows = new PlainRows(dataSource, metadata.target);
      for (const column of metadata.columns) {
        // One column at a time, the others null: a value some type cannot take (JSON that is not) throws on both sides.
        const rowWith = (raw: unknown) =>
          Object.fromEntries(metadata.columns.map((other) => [other.databaseName, other === column ? raw : null]));
        for (const raw of RAW_VALUES) {
          const read = outcome(() => (rows.read(rowWith(raw)) as Record<string, unknown>)[column.propertyName]);
          const hydrated = outcome(() => dataSource.driver.prepareHydratedValue(raw, column));
          if (!isDeepStrictEqual(read, hydrated)) {
            differences.push(`${metadata.name}.${column.propertyName} (${String(column.type)}) from ${JSON.stringify(raw)}`);
          }
        }
      }
    }
    expect(dataSource.entityMetadatas.length).toBeGreaterThan(5);
    expect(differences).toEqual([]);
  });
});
