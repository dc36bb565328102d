import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { schemaDataSource } from './database-options.js';

/** The data source `npm run migration:generate` compares the entities with, from DATABASE_URL. */
if (existsSync('.env')) process.loadEnvFile('.env');
export default schemaDataSource(process.env.DATABASE_URL ?? 'sqlite:./data/marquee.sqlite');
