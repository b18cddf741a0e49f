import { and, isNull, sql } from 'drizzle-orm';
import type { RequestActor } from '../../authz/actor.js';
import { batchedRows } from '../../db/batch.js';
import type { Executor } from '../../db/connection.js';
import { isUuid } from '../../db/inputs.js';
import { preparedStatement } from '../../db/prepared.js';
import { reports } from '../../db/schema/index.js';
import {
  authorizeLoaded,
  joinReportRow,
  reportRowBase,
  toReportFacts,
  type LoadedReport,
  type ReportRow,
} from './access.js';
import { liveAssignee } from './live-assignee.js';

// A report's page is read in one statement: its row and event (the engine's facts), its history
// with the names of who acted, its live assignees and its author. Opening a report is the most
// frequent thing a responder does; it used to take four statements after the row's own, and
// round trips, not rows, were most of its cost (docs/PERFORMANCE.md).

export interface PageHistoryItem {
  id: string;
  kind: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  fromState: string | null;
  toState: string | null;
  note: string | null;
  /** For assignments: the person; for severity: the old and new value. */
  detail: unknown;
  subjectId: string | null;
  subjectName: string | null;
}

export interface ReportPage {
  /** Oldest first. */
  history: PageHistoryItem[];
  /** The assignees who still count, in the order they were assigned (live-assignee.ts). */
  assignees: { id: string; name: string }[];
  /** Read whoever asks; shown only to those the engine lets see the reporter (present.ts). */
  author: { id: string; name: string; email: string } | null;
}

export type LoadedPage = LoadedReport & { page: ReportPage };

// JSON keeps the page to one row. Its timestamps come back as text and are turned into dates
// below, like the ones Drizzle maps.
const pageColumns = {
  ...reportRowBase,
  assignees: sql<ReportPage['assignees']>`coalesce((
    select json_agg(json_build_object('id', u.id, 'name', u.name) order by ra.assigned_at)
    from report_assignees ra join users u on u.id = ra.user_id
    where ra.report_id = "reports"."id" and ${liveAssignee(sql`"reports"."id"`, sql`ra.user_id`)}
  ), '[]')`,
  history: sql<(Omit<PageHistoryItem, 'at'> & { at: string })[]>`coalesce((
    select json_agg(json_build_object(
      'id', h.id, 'kind', h.kind, 'at', h.at, 'actorId', h.actor_id, 'actorName', a.name,
      'fromState', h.from_state, 'toState', h.to_state, 'note', h.note, 'detail', h.detail,
      'subjectId', s.id, 'subjectName', s.name) order by h.at, h.id)
    from report_history h
    left join users a on a.id = h.actor_id
    left join users s on s.id = h.detail ->> 'userId'
    where h.report_id = "reports"."id"
  ), '[]')`,
  author: sql<ReportPage['author']>`(
    select json_build_object('id', u.id, 'name', u.name, 'email', u.email)
    from users u where u.id = "reports"."author_id"
  )`,
};

const pagesById = preparedStatement((db) =>
  joinReportRow(db.select(pageColumns).from(reports).$dynamic())
    .where(and(sql`${reports.id} = any(${sql.placeholder('ids')})`, isNull(reports.deletedAt)))
    .prepare('report_pages_by_id'),
);

// Reports opened at once are read in one statement (db/batch.ts); in a transaction, alone.
const pagesOf = batchedRows(
  (db, ids: readonly string[]) => pagesById(db).execute({ ids }),
  (row) => row.report.id,
);

/** A report that is not deleted, with its facts and everything its page shows; null if none. */
export async function loadReportPage(tx: Executor, id: string): Promise<LoadedPage | null> {
  if (!isUuid(id)) return null;
  const [found] = await pagesOf(tx, [id]);
  if (!found) return null;
  const { assignees, history, author, ...base } = found;
  const row: ReportRow = { ...base, assigneeIds: assignees.map((a) => a.id) };
  return {
    row,
    resource: { type: 'report', ...toReportFacts(row) },
    page: { assignees, author, history: history.map((h) => ({ ...h, at: new Date(h.at) })) },
  };
}

/**
 * loadReportPage(), once the engine lets the actor view the report (else the 404 of none). `page`
 * is the page's read when it was started earlier (the detail route starts it with the session's).
 */
export async function authorizedReportPage(
  tx: Executor,
  actor: RequestActor,
  id: string,
  page: Promise<LoadedPage | null> = loadReportPage(tx, id),
) {
  return authorizeLoaded(actor, await page, []);
}
