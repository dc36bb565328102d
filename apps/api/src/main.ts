import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.js';
import { AppConfig } from './config/app-config.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const app = await createApp();
const config = app.get(AppConfig);
await app.listen({ port: config.port, host: '0.0.0.0' });
app.get(Logger).log(`Marquee listens on http://localhost:${config.port} (API /api, docs /docs)`, 'Bootstrap');
