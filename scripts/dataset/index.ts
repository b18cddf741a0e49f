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
import { refuseIfNotEmpty } from './guard.js';
import { createIndexes, dropBulkIndexes } from './indexes.js';
import { run, secondsSince, sideBySide, type Lane } from './lanes.js';
import { accountsSql, usersSql } from './people.js';
import { partsOf, type Part, type Plan } from './plan.js';
import { loadOnPostgres } from './postgres-load.js';
import {
  assigneesSql,
  commentsSql,
  historySql,
  reportsSql,
  storySql,
  storyTable,
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
export { NotEmptyError } from './guard.js';

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

// Users are inserted in ranges, so a large scale shows progress and no one statement holds
// millions of rows in PGlite's memory at once.
const USER_BATCH = 100_000;

/**
 * Fills an empty, migrated database with a generated installation at `scale` (see sizes.ts and
 * docs/PERFORMANCE.md): it is all there, or nothing is. On PGlite in one transaction; on
 * PostgreSQL in two sessions side by side (lanes.ts), undone if it fails (postgres-load.ts). Then
 * ANALYZE, so the planner knows the new sizes at once.
 */
export async function generateDataset(
  handle: DatabaseHandle,
  options: GenerateOptions,
): Promise<{ seconds: number; counts: GeneratedCounts }> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const sizes = sizesFor(options.scale);
  // Report ids start with the event's number (random.ts, taggedUuid), and the last part of the
  // load is bounded by the number after the last event's (plan.ts, inPart).
  if (sizes.events + 1 >= KEY_NUMBER_LIMIT) {
    throw new RangeError(`Scale ${options.scale} asks for more events than ids can number.`);
  }
  const anchor = new Date();
  anchor.setUTCHours(0, 0, 0, 0);
  const plan: Plan = { sizes, anchor: `'${anchor.toISOString()}'::timestamptz` };

  // One hash for every account: argon2 is slow on purpose (see accounts.ts).
  const passwordHash = await hashPassword(GENERATED_PASSWORD);
  const load = (lanes: Lane[]) => loadInto(lanes, plan, passwordHash, log);

  const counts =
    handle.kind === 'postgres'
      ? await loadOnPostgres(handle, load, log)
      : await handle.db.transaction(async (tx) => {
          await refuseIfNotEmpty(tx);
          // Memoize caches a lateral subquery's result by its parameters; here they differ on
          // every row (a report's id), so it would only add a hash lookup and an eviction to each.
          await tx.execute(sql`SET LOCAL enable_memoize = off`);
          const deferred = await dropBulkIndexes(tx, log);
          const loaded = await load([tx]);
          await createIndexes([tx], deferred, log);
          return loaded;
        });

  const t2 = performance.now();
  await analyze(handle.db);
  log(`  (ANALYZE in ${secondsSince(t2)} s)`);
  return { seconds: (performance.now() - started) / 1000, counts };
}

/**
 * Loads every table, in `lanes` (one, or two side by side: lanes.ts), without the bulk tables'
 * indexes. The events are cut into as many parts as there are lanes, and each lane makes its
 * part's reports and all that hangs off them. Each step ends with ANALYZE of its table: the next
 * statements join it, and the planner must know it now holds thousands of rows, not none (a
 * nested loop over a table believed empty is what a fresh table otherwise gets).
 */
async function loadInto(
  lanes: Lane[],
  plan: Plan,
  passwordHash: string,
  log: (line: string) => void,
): Promise<GeneratedCounts> {
  const { sizes } = plan;
  const [main] = lanes as [Lane];
  const parts = partsOf(sizes.events, lanes.length);
  const step = async (label: string, table: string | null, lists: string[][]) => {
    const t0 = performance.now();
    const rows = await sideBySide(lanes, lists);
    if (table) await run(main, `ANALYZE ${table}`);
    log(
      `  ${label.padEnd(22)} ${String(rows).padStart(10)} rows ${secondsSince(t0).padStart(8)} s`,
    );
    return rows;
  };
  const eachPart = (statements: (part: Part) => string[]) => parts.map(statements);

  const userBatches: string[][] = [];
  for (let from = 1; from <= sizes.users; from += USER_BATCH) {
    userBatches.push([usersSql(plan, from, Math.min(sizes.users, from + USER_BATCH - 1))]);
  }
  const users = await step('users', 'users', userBatches);
  const accounts = await step('accounts', 'accounts', [[accountsSql(passwordHash)]]);
  const organizations = await step('organizations', 'organizations', [[organizationsSql(plan)]]);
  const chapters = await step('chapters', 'chapters', [[chaptersSql(plan)]]);
  const events = await step('events', 'events', [[eventsSql(plan)]]);

  const reportable = rowsOf<{ n: number }>(
    await main.execute(
      sql.raw(`SELECT count(*)::int AS n FROM events WHERE ${reportableEvents(plan)}`),
    ),
  )[0]!.n;
  await step('events.report_count', 'events', [
    [reportCountsSql(plan, sizes.reports / reportable)],
  ]);

  const roleAssignments = await step('role_assignments', 'role_assignments', [
    [
      systemAdminSql(plan),
      organizationAdminsSql(plan),
      chapterLeadersSql(plan),
      eventTeamsSql(plan),
    ],
  ]);
  const rsvps = await step(
    'rsvps',
    'rsvps',
    eachPart((part) => [rsvpsSql(plan, part)]),
  );
  await step('events capacities', 'events', [[capacitiesSql()]]);
  const reports = await step(
    'reports',
    'reports',
    eachPart((part) => [reportsSql(plan, part)]),
  );
  // A temporary table is its session's own: each lane analyzes its part's.
  await step(
    '(reports’ stories)',
    null,
    eachPart((part) => [storySql(plan, part), `ANALYZE ${storyTable(part)}`]),
  );
  const fromStories = (statement: (story: string) => string) =>
    eachPart((part) => [statement(storyTable(part))]);
  const reportAssignees = await step(
    'report_assignees',
    'report_assignees',
    fromStories(assigneesSql),
  );
  const reportHistory = await step('report_history', 'report_history', fromStories(historySql));
  const comments = await step('report_comments', 'report_comments', fromStories(commentsSql));
  await sideBySide(
    lanes,
    eachPart((part) => [`DROP TABLE ${storyTable(part)}`]),
  );
  const audit = await step(
    'audit_entries',
    'audit_entries',
    eachPart((part) => [
      ...(part.index === 0 ? [organizationEntriesSql(), eventEntriesSql(), roleEntriesSql()] : []),
      reportEntriesSql(part),
      commentEntriesSql(part),
    ]),
  );
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
  };
}

async function analyze(db: Executor) {
  await db.execute(sql`ANALYZE`);
}
