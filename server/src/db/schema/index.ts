export * from './auth.js';
export * from './roles.js';
export * from './audit.js';
export * from './instance.js';
export * from './structure.js';
export * from './outbox.js';
export * from './rate-limits.js';
export * from './settings.js';
