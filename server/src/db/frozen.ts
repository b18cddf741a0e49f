import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

const dialect = new PgDialect();

/**
 * A piece of SQL without parameters, turned into its text once. Drizzle walks a query's pieces
 * anew every time it is sent, and the lists' statements are built per request from large
 * constant pieces (the columns of a listed report, the live-assignee test, each sort's keys):
 * walking them was most of the CPU a list cost Steward (docs/PERFORMANCE.md). The text is the
 * one Drizzle would make (PostgreSQL's dialect, as PGlite's), so a statement made with it is the
 * same statement. A piece that holds a value cannot be frozen: it throws, at start.
 */
export function frozen(piece: SQL): SQL {
  const { sql: text, params } = dialect.sqlToQuery(piece);
  if (params.length > 0) {
    throw new Error(`frozen: this SQL holds ${params.length} value(s): ${text}`);
  }
  return sql.raw(text);
}
