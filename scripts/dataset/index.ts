import { sql } from 'drizzle-orm';
import { rowsOf, type DatabaseHandle, type Executor } from '../../server/src/db/connection.js';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { GENERATED_PASSWORD } from './accounts.js';
import { capacitiesSql, rsvpsSql } from './attendance.js';
import {
  commentEntriesSql,
  eventEntriesSql,
  organizationEntriesSql,
  reportEntriesSql,
  roleEntriesSql,
} from './audit.js';
import { createIndexes, dropBulkIndexes } from './indexes.js';
import { accountsSql, usersSql } from './people.js';
import type { Plan } from './plan.js';
import {
  STORY_TABLE,
  assigneesSql,
  commentsSql,
  historySql,
  reportsSql,
  storySql,
} from './reports.js';
import {
  chapterLeadersSql,
  eventTeamsSql,
  organizationAdminsSql,
  systemAdminSql,
} from './roles.js';
import { KEY_NUMBER_LIMIT } from './random.js';
import { sizesFor } from './sizes.js';
import {
  chaptersSql,
  eventsSql,
  organizationsSql,
  reportCountsSql,
  reportableEvents,
} from './structure.js';

export { GENERATED_PASSWORD, generatedEmail, GENERATED_EMAIL_DOMAIN } from './accounts.js';

export interface GenerateOptions {
  /** 1 ≈ 100 organizations, 2,000 events, 50,000 users, 200,000 reports; any number above 0. */
  scale: number;
  /** Progress, one line per table. */
  log?: (line: string) => void;
}

export interface GeneratedCounts {
  users: number;
  accounts: number;
  organizations: number;
  chapters: number;
  events: number;
  roleAssignments: number;
  rsvps: number;
  reports: number;
  reportAssignees: number;
  reportHistory: number;
  comments: number;
  audit: number;
}

/** The database is not empty: the generator refuses to mix its rows with real ones. */
export class NotEmptyError extends Error {}

// Users are inserted in ranges, so a large scale shows progress and no one statement holds
// millions of rows in PGlite's memory at once.
const USER_BATCH = 100_000;

const affected = (result: unknown): number => {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
};

/**
 * Fills an empty, migrated database with a generated installation at `scale` (see sizes.ts and
 * docs/PERFORMANCE.md), in one transaction: it is all there, or nothing is. Then ANALYZE, so the
 * planner knows the new sizes at once.
 */
export async function generateDataset(
  handle: DatabaseHandle,
  options: GenerateOptions,
): Promise<{ seconds: number; counts: GeneratedCounts }> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const sizes = sizesFor(options.scale);
  // Report ids start with the event's number (random.ts, taggedUuid).
  if (sizes.events >= KEY_NUMBER_LIMIT) {
    throw new RangeError(`Scale ${options.scale} asks for more events than ids can number.`);
  }
  const anchor = new Date();
  anchor.setUTCHours(0, 0, 0, 0);
  const plan: Plan = { sizes, anchor: `'${anchor.toISOString()}'::timestamptz` };

  const existing = rowsOf<{ n: number }>(
    await handle.db.execute(sql`SELECT count(*)::int AS n FROM organizations`),
  )[0]!.n;
  if (existing > 0) {
    throw new NotEmptyError(
      `The database already holds ${existing} organization(s). Generate into an empty database ` +
        '(a new PostgreSQL database, or a new DATA_DIR for the embedded one).',
    );
  }

  // One hash for every account: argon2 is slow on purpose (see accounts.ts).
  const passwordHash = await hashPassword(GENERATED_PASSWORD);

  const counts = await handle.db.transaction(async (tx) => {
    if (handle.kind === 'postgres') {
      // Room for the hash joins (the foreign-key checks join millions of rows to their parents)
      // and for building the deferred indexes in memory.
      await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
      await tx.execute(sql`SET LOCAL maintenance_work_mem = '1GB'`);
      // The load is one transaction: not waiting for its commit to reach the disk loses at most
      // the load itself in a crash, never other data.
      await tx.execute(sql`SET LOCAL synchronous_commit = off`);
    }
    // Memoize caches a lateral subquery's result by its parameters; here they differ on every
    // row (a report's id), so it would only add a hash lookup and an eviction to each.
    await tx.execute(sql`SET LOCAL enable_memoize = off`);
    // Each step ends with ANALYZE of its table: the next statements join it, and the planner
    // must know it now holds thousands of rows, not none (a nested loop over a table believed
    // empty is what a fresh table otherwise gets).
    const step = async (label: string, table: string, statements: string[]): Promise<number> => {
      const t0 = performance.now();
      let rows = 0;
      for (const statement of statements) rows += affected(await tx.execute(sql.raw(statement)));
      await tx.execute(sql.raw(`ANALYZE ${table}`));
      log(
        `  ${label.padEnd(22)} ${String(rows).padStart(10)} rows ${secondsSince(t0).padStart(8)} s`,
      );
      return rows;
    };

    const t0 = performance.now();
    const deferred = await dropBulkIndexes(tx);
    log(
      `  (${deferred.length} indexes and constraints deferred until the tables are loaded, ${secondsSince(t0)} s)`,
    );

    const userBatches: string[] = [];
    for (let from = 1; from <= sizes.users; from += USER_BATCH) {
      userBatches.push(usersSql(plan, from, Math.min(sizes.users, from + USER_BATCH - 1)));
    }
    const users = await step('users', 'users', userBatches);
    const accounts = await step('accounts', 'accounts', [accountsSql(passwordHash)]);
    const organizations = await step('organizations', 'organizations', [organizationsSql(plan)]);
    const chapters = await step('chapters', 'chapters', [chaptersSql(plan)]);
    const events = await step('events', 'events', [eventsSql(plan)]);

    const reportable = rowsOf<{ n: number }>(
      await tx.execute(
        sql.raw(`SELECT count(*)::int AS n FROM events WHERE ${reportableEvents(plan)}`),
      ),
    )[0]!.n;
    await step('events.report_count', 'events', [
      reportCountsSql(plan, sizes.reports / reportable),
    ]);

    const roleAssignments = await step('role_assignments', 'role_assignments', [
      systemAdminSql(plan),
      organizationAdminsSql(plan),
      chapterLeadersSql(plan),
      eventTeamsSql(plan),
    ]);
    const rsvps = await step('rsvps', 'rsvps', [rsvpsSql(plan)]);
    await step('events capacities', 'events', [capacitiesSql()]);
    const reports = await step('reports', 'reports', [reportsSql(plan)]);
    await step('(reports’ stories)', STORY_TABLE, [storySql(plan)]);
    const reportAssignees = await step('report_assignees', 'report_assignees', [assigneesSql()]);
    const reportHistory = await step('report_history', 'report_history', [historySql()]);
    const comments = await step('report_comments', 'report_comments', [commentsSql()]);
    const audit = await step('audit_entries', 'audit_entries', [
      organizationEntriesSql(),
      eventEntriesSql(),
      roleEntriesSql(),
      reportEntriesSql(),
      commentEntriesSql(),
    ]);

    const t1 = performance.now();
    await createIndexes(tx, deferred);
    log(`  (${deferred.length} indexes and constraints made in ${secondsSince(t1)} s)`);
    return {
      users,
      accounts,
      organizations,
      chapters,
      events,
      roleAssignments,
      rsvps,
      reports,
      reportAssignees,
      reportHistory,
      comments,
      audit,
    } satisfies GeneratedCounts;
  });

  const t2 = performance.now();
  await analyze(handle.db);
  log(`  (ANALYZE in ${secondsSince(t2)} s)`);
  return { seconds: (performance.now() - started) / 1000, counts };
}

async function analyze(db: Executor) {
  await db.execute(sql`ANALYZE`);
}

const secondsSince = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
