export * from './permissions.js';
export * from './statuses.js';
