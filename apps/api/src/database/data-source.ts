import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createDataSource, databaseOptions } from './database-options.js';

/** The data source of the TypeORM CLI (`npm run migration:run|revert`), from DATABASE_URL. */
if (existsSync('.env')) process.loadEnvFile('.env');
export default createDataSource({ ...databaseOptions(process.env.DATABASE_URL ?? 'sqlite:./data/marquee.sqlite'), migrationsRun: false });
