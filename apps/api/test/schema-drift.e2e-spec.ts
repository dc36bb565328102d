import type { DataSource } from 'typeorm';
import { createDataSource, databaseOptions, schemaDataSource } from '../src/database/database-options.js';
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
});
