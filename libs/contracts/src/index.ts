export * from './audit.js';
export * from './money.js';
export * from './permissions.js';
export * from './statuses.js';
export * from './venue-time.js';
export * from './webhooks.js';
