import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One-time links that let the operator create the first system admin. Only a hash of each token
 * is stored; all of them stop working once a system admin exists.
 */
export const setupTokens = pgTable('setup_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * Secrets the installation generates for itself when the operator provides none (the session
 * signing secret), kept in the database so every app process shares them.
 */
export const instanceSecrets = pgTable('instance_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
