import { and, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import {
  decide,
  type Action,
  type ActorFacts,
  type Decision,
  type ReportFacts,
  type ResourceOf,
} from '@steward/permissions';
import { authorize, authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import {
  eventFactColumns,
  organizationFactColumns,
  toEventFacts,
  type OrganizationFactFields,
} from '../../authz/facts.js';
import type { Executor } from '../../db/connection.js';
import { preparedStatement } from '../../db/prepared.js';
import { isUuid } from '../../db/inputs.js';
import { chapters, events, organizations, reports } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { hashToken } from '../../tokens.js';
import { liveAssignee } from './live-assignee.js';

// How a report is found and who may reach it: the one place that turns a report id (or an
// anonymous follow-up token) into the engine's facts and asks the engine.

export const noSuchReport = () => new AppError('not_found', 'No such report.');

// A report's own columns but its search vector (a copy of its text, for the lists' search).
const { search: _search, ...reportColumns } = getTableColumns(reports);

// Of the event, its facts and what report pages, actions and notices use of it; its description
// and code of conduct are read where they are shown (events/).
const reportEventColumns = {
  ...eventFactColumns,
  slug: events.slug,
  timeZone: events.timeZone,
  reportTypes: events.reportTypes,
  emailDetail: events.emailDetail,
};

/** A report's row with its event, organization and chapter name: what every read of one joins. */
export const reportRowBase = {
  report: reportColumns,
  event: reportEventColumns,
  organization: organizationFactColumns,
  chapterName: chapters.name,
};

const reportRowColumns = {
  ...reportRowBase,
  // Written out: Drizzle leaves columns unqualified in a select list.
  // Only assignees who still belong to the event count for decisions (see live-assignee.ts).
  assigneeIds: sql<string[]>`coalesce((
    select array_agg(ra.user_id order by ra.assigned_at) from report_assignees ra
    where ra.report_id = "reports"."id" and ${liveAssignee(sql`"reports"."id"`, sql`ra.user_id`)}
  ), '{}')`,
};

/**
 * A select of a report's row (reportRowBase and more) joined to its event, organization and
 * chapter: `joinReportRow(db.select(columns).from(reports).$dynamic())`.
 */
export function joinReportRow<T extends PgSelect>(query: T) {
  return query
    .innerJoin(events, eq(reports.eventId, events.id))
    .innerJoin(organizations, eq(events.organizationId, organizations.id))
    .leftJoin(chapters, eq(events.chapterId, chapters.id));
}

export type ReportRow = {
  report: Omit<typeof reports.$inferSelect, 'search'>;
  event: Pick<typeof events.$inferSelect, keyof typeof reportEventColumns>;
  organization: OrganizationFactFields;
  chapterName: string | null;
  assigneeIds: string[];
};

export interface LoadedReport {
  row: ReportRow;
  resource: ResourceOf<'report'>;
}

/** The pseudo-user id an anonymous follow-up link acts as: the author of that one report. */
export const followUpActorId = (reportId: string) => `follow-up:${reportId}`;

export function toReportFacts(row: ReportRow, authorOverride?: string): ReportFacts {
  return {
    id: row.report.id,
    event: toEventFacts(row),
    authorId: authorOverride ?? row.report.authorId,
    assigneeIds: row.assigneeIds,
    anonymous: row.report.anonymous,
  };
}

async function selectReport(tx: Executor, where: ReturnType<typeof eq>) {
  const [row] = await joinReportRow(tx.select(reportRowColumns).from(reports).$dynamic()).where(
    and(where, isNull(reports.deletedAt)),
  );
  return row ? { ...row, assigneeIds: [...(row.assigneeIds ?? [])] } : null;
}

// Reading a report by id is what every report page and action starts with: prepared, and so is
// the locked read every change of a report starts with.
const reportById = preparedStatement((db) =>
  joinReportRow(db.select(reportRowColumns).from(reports).$dynamic())
    .where(and(eq(reports.id, sql.placeholder('id')), isNull(reports.deletedAt)))
    .prepare('report_by_id'),
);
const lockedReportById = preparedStatement((db) =>
  joinReportRow(db.select(reportRowColumns).from(reports).$dynamic())
    .where(and(eq(reports.id, sql.placeholder('id')), isNull(reports.deletedAt)))
    .for('update', { of: reports })
    .prepare('report_by_id_locked'),
);

/** A report that is not deleted, with its event's facts; null when there is none. */
export async function loadReport(
  tx: Executor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<LoadedReport | null> {
  if (!isUuid(id)) return null;
  const [found] = await (opts.lock ? lockedReportById : reportById)(tx).execute({ id });
  const row: ReportRow | null = found
    ? { ...found, assigneeIds: [...(found.assigneeIds ?? [])] }
    : null;
  return row ? { row, resource: { type: 'report', ...toReportFacts(row) } } : null;
}

/**
 * The report an anonymous follow-up token opens, seen as its author: the token's holder acts as
 * `followUpActorId(report)`, so the engine's author grants (and the event's state gates) apply.
 */
export async function loadFollowUp(
  tx: Executor,
  token: string,
): Promise<(LoadedReport & { actor: ActorFacts }) | null> {
  const row = await selectReport(tx, eq(reports.followUpTokenHash, hashToken(token)));
  if (!row) return null;
  const userId = followUpActorId(row.report.id);
  return {
    row,
    resource: { type: 'report', ...toReportFacts(row, userId) },
    actor: { userId, assignments: [] },
  };
}

/**
 * The report, once the engine allows each of `actions` on it. Whoever may not view the report
 * gets the 404 of a missing one (SPEC §1); whoever may view it but not do this gets 403.
 */
export async function authorizedReport(
  tx: Executor,
  actor: RequestActor,
  id: string,
  ...actions: Action[]
): Promise<LoadedReport & { view: Decision }> {
  return authorizeLoaded(actor, await loadReport(tx, id), actions);
}

/**
 * authorizedReport() for a change: the report's row is locked for the rest of the transaction,
 * and the decision is made on what was read under the lock. With `eventId`, a report of another
 * event answers like a missing one.
 */
export async function lockedReport(
  tx: Executor,
  actor: RequestActor,
  id: string,
  actions: readonly Action[],
  eventId?: string,
): Promise<LoadedReport & { view: Decision }> {
  const loaded = await loadReport(tx, id, { lock: true });
  return authorizeLoaded(
    actor,
    loaded && (!eventId || loaded.row.event.id === eventId) ? loaded : null,
    actions,
  );
}

export function authorizeLoaded<L extends LoadedReport>(
  actor: RequestActor,
  loaded: L | null,
  actions: readonly Action[],
): L & { view: Decision } {
  if (!loaded) throw noSuchReport();
  const view = authorizeActor(actor, 'report.view', loaded.resource, { what: 'report' });
  for (const action of actions) {
    authorizeActor(actor, action, loaded.resource, { seeWith: 'report.view', what: 'report' });
  }
  return { ...loaded, view };
}

/** The follow-up link's report, once the engine allows each of `actions` to its holder. */
export async function authorizedFollowUp(tx: Executor, token: string, ...actions: Action[]) {
  const loaded = await loadFollowUp(tx, token);
  // An unknown token and one whose report the holder may no longer see answer alike.
  const closed = () => new AppError('not_found', 'This follow-up link does not open a report.');
  if (!loaded) throw closed();
  const view = decide(loaded.actor, 'report.view', loaded.resource, new Date());
  if (!view.allowed) throw closed();
  for (const action of actions) {
    authorize(loaded.actor, action, loaded.resource, { visible: true });
  }
  return { ...loaded, view };
}

/** The team's view (with internal comments, triage) or the author's own: one engine question. */
export const seesAsTeam = (actor: ActorFacts, report: ResourceOf<'report'>, now = new Date()) =>
  decide(actor, 'report.comment.internal.view', report, now).allowed;
