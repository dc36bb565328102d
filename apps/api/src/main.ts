import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.js';
import { AppConfig } from './config/app-config.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const app = await createApp();
const config = app.get(AppConfig);
await app.listen({ port: config.port, host: config.host });
const origin = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
app.get(Logger).log(`Marquee listens on ${origin} (API /api${config.swaggerEnabled ? ', docs /docs' : ''})`, 'Bootstrap');
