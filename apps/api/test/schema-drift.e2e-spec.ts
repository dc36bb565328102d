import type { DataSource } from 'typeorm';
import { createDataSource, databaseOptions, schemaDataSource } from '../src/database/database-options.js';
import { updatedAtTrigger } from '../src/database/timestamps.js';
import { freshDatabase, type TestDatabase } from './support/database.js';

/**
 * The entities declare exactly the schema the migrations build: on a database migrated to head,
 * TypeORM's schema builder (what `npm run migration:generate` writes) has nothing to change. A
 * failure lists the statements it would run, i.e. what an entity and the migrations disagree on.
 */
describe('entities and migrations', () => {
  let database: TestDatabase;
  const dataSources: DataSource[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
  });

  afterAll(async () => {
    for (const dataSource of dataSources) if (dataSource.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('agree at head: generating a migration yields no statement', async () => {
    const app = createDataSource({ ...databaseOptions(database.url), migrationsRun: false });
    dataSources.push(app);
    await app.initialize();
    expect((await app.runMigrations()).length).toBeGreaterThan(0);

    const generator = await schemaDataSource(database.url);
    dataSources.push(generator);
    await generator.initialize();
    const pending = (await generator.driver.createSchemaBuilder().log()).upQueries.map(({ query }) => query);

    expect(pending).toEqual([]);
  });

  it('moves updated_at by the database: on SQLite every table with it has its trigger (a table rebuild drops them)', async () => {
    if (database.kind !== 'sqlite') return;
    const tables = await database.query<{ name: string }>(
      "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'updated_at')",
    );
    const triggers = await database.query<{ tbl_name: string; name: string }>(
      "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'",
    );
    expect(tables.length).toBeGreaterThan(0);
    for (const { name } of tables) expect(triggers).toContainEqual({ tbl_name: name, name: updatedAtTrigger(name) });
  });
});
