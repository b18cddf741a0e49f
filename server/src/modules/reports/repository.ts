import { and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { preparedStatement } from '../../db/prepared.js';
import {
  events,
  reportAccessLog,
  reportAssignees,
  reportFilters,
  reportHistory,
  reports,
  roleAssignments,
  users,
} from '../../db/schema/index.js';

export type ReportInsert = typeof reports.$inferInsert;
export type ReportChange = Partial<
  Pick<
    ReportInsert,
    | 'title'
    | 'description'
    | 'type'
    | 'incidentAt'
    | 'location'
    | 'parties'
    | 'contactPreference'
    | 'contactDetails'
    | 'severity'
    | 'resolution'
    | 'followUp'
    | 'state'
  >
>;

// A submission's statements are built once (db/prepared.ts): submitting is the costliest thing
// Steward does per request, and Drizzle's building of each statement was a tenth of it.
const reportByIdempotencyKey = preparedStatement((db) =>
  db
    .select({
      id: reports.id,
      authorId: reports.authorId,
      anonymous: reports.anonymous,
      followUpTokenHash: reports.followUpTokenHash,
      deletedAt: reports.deletedAt,
    })
    .from(reports)
    .where(
      and(
        eq(reports.eventId, sql.placeholder('eventId')),
        eq(reports.idempotencyKey, sql.placeholder('key')),
      ),
    )
    .prepare('report_by_idempotency_key'),
);

/** The report an event's submission with this idempotency key (its hash) made, if any. */
export async function findByIdempotencyKey(tx: Executor, eventId: string, key: string) {
  const [row] = await reportByIdempotencyKey(tx).execute({ eventId, key });
  return row ?? null;
}

const countReport = preparedStatement((db) =>
  db
    .update(events)
    .set({ reportCount: sql`${events.reportCount} + 1` })
    .where(eq(events.id, sql.placeholder('eventId')))
    .returning({ n: events.reportCount })
    .prepare('event_report_count_next'),
);

/** The next report number of an event; counting also marks the event as holding incident data. */
export async function nextNumber(tx: Executor, eventId: string): Promise<number> {
  const [row] = await countReport(tx).execute({ eventId });
  return row!.n;
}

/** The columns a submission sets; the rest take their defaults. */
const newReportColumns = [
  'eventId',
  'number',
  'authorId',
  'anonymous',
  'title',
  'description',
  'type',
  'incidentAt',
  'location',
  'parties',
  'contactPreference',
  'contactDetails',
  'idempotencyKey',
  'followUpTokenHash',
] as const satisfies readonly (keyof ReportInsert)[];

/** What a new report is made of: every column a submission sets. */
export type NewReportRow = Required<Pick<ReportInsert, (typeof newReportColumns)[number]>>;

// Drizzle maps a placeholder's value through its column's encoder, which fails on null for a
// timestamp: the time goes as ISO text in an SQL cast instead.
const insertReportRow = preparedStatement((db) =>
  db
    .insert(reports)
    .values({
      ...Object.fromEntries(newReportColumns.map((name) => [name, sql.placeholder(name)])),
      incidentAt: sql`${sql.placeholder('incidentAt')}::timestamptz`,
    } as unknown as ReportInsert)
    .returning({ id: reports.id })
    .prepare('report_insert'),
);

export async function insertReport(tx: Executor, values: NewReportRow) {
  const [row] = await insertReportRow(tx).execute({
    ...values,
    incidentAt: values.incidentAt?.toISOString() ?? null,
  });
  return row!;
}

export async function updateReport(tx: Executor, id: string, change: ReportChange) {
  await tx
    .update(reports)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(reports.id, id));
}

export async function softDeleteReport(tx: Executor, id: string, by: string) {
  await tx
    .update(reports)
    .set({ deletedAt: new Date(), deletedBy: by, updatedAt: new Date() })
    .where(eq(reports.id, id));
}

export type HistoryInsert = typeof reportHistory.$inferInsert;

const insertHistoryRow = preparedStatement((db) =>
  db
    .insert(reportHistory)
    .values({
      reportId: sql.placeholder('reportId'),
      actorId: sql.placeholder('actorId'),
      kind: sql.placeholder('kind'),
      fromState: sql.placeholder('fromState'),
      toState: sql.placeholder('toState'),
      note: sql.placeholder('note'),
      // As JSON text, so that none is SQL null and never JSON's null (as audit entries do).
      detail: sql`${sql.placeholder('detail')}::jsonb`,
    } as unknown as HistoryInsert)
    .prepare('report_history_insert'),
);

export async function insertHistory(tx: Executor, entry: Omit<HistoryInsert, 'id' | 'at'>) {
  await insertHistoryRow(tx).execute({
    reportId: entry.reportId,
    actorId: entry.actorId ?? null,
    kind: entry.kind,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    note: entry.note ?? null,
    detail:
      entry.detail === undefined || entry.detail === null ? null : JSON.stringify(entry.detail),
  });
}

/** Adds an assignee; false when they already were one. */
export async function addAssignee(tx: Executor, reportId: string, userId: string, by: string) {
  const rows = await tx
    .insert(reportAssignees)
    .values({ reportId, userId, assignedBy: by })
    .onConflictDoNothing()
    .returning({ userId: reportAssignees.userId });
  return rows.length > 0;
}

/** Removes an assignee; false when they were not one. */
export async function removeAssignee(tx: Executor, reportId: string, userId: string) {
  const rows = await tx
    .delete(reportAssignees)
    .where(and(eq(reportAssignees.reportId, reportId), eq(reportAssignees.userId, userId)))
    .returning({ userId: reportAssignees.userId });
  return rows.length > 0;
}

export async function accessLogPage(
  tx: Executor,
  reportId: string,
  page: { page: number; pageSize: number },
) {
  const where = eq(reportAccessLog.reportId, reportId);
  const [items, [total]] = await Promise.all([
    tx
      .select({ entry: reportAccessLog, viewerName: users.name })
      .from(reportAccessLog)
      .leftJoin(users, eq(users.id, reportAccessLog.userId))
      .where(where)
      .orderBy(desc(reportAccessLog.at), desc(reportAccessLog.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    tx.select({ n: count() }).from(reportAccessLog).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function savedFilters(tx: Executor, userId: string, eventId: string) {
  return tx
    .select()
    .from(reportFilters)
    .where(and(eq(reportFilters.userId, userId), eq(reportFilters.eventId, eventId)))
    .orderBy(asc(reportFilters.name));
}

export async function saveFilter(
  tx: Executor,
  values: { userId: string; eventId: string; name: string; query: Record<string, string> },
) {
  const [row] = await tx
    .insert(reportFilters)
    .values(values)
    .onConflictDoUpdate({
      target: [reportFilters.userId, reportFilters.eventId, reportFilters.name],
      set: { query: values.query, createdAt: new Date() },
    })
    .returning();
  return row!;
}

export async function deleteFilter(tx: Executor, userId: string, eventId: string, id: string) {
  const rows = await tx
    .delete(reportFilters)
    .where(
      and(
        eq(reportFilters.id, id),
        eq(reportFilters.userId, userId),
        eq(reportFilters.eventId, eventId),
      ),
    )
    .returning({ id: reportFilters.id });
  return rows.length > 0;
}

/**
 * Everyone who may be the response team of an event: its event admins and responders, and the
 * admins and chapter leaders above it (live roles). The engine then decides who sees a report.
 * People whose only tie is a reporter role or an RSVP are left out on purpose: this tells of a
 * new report, which has no assignees yet, and a reporter sees only their own (SPEC §4), so the
 * engine would refuse each of them — at the cost of loading the facts of every attendee.
 */
// Under the event's lock, on every submission: built once. A chapter id of null matches nothing.
const teamCandidateRows = preparedStatement((db) =>
  db
    .select({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .where(
      and(
        or(isNull(roleAssignments.expiresAt), sql`${roleAssignments.expiresAt} > now()`),
        or(
          and(
            eq(roleAssignments.scopeType, 'event'),
            eq(roleAssignments.scopeId, sql.placeholder('eventId')),
            inArray(roleAssignments.role, ['event_admin', 'responder']),
          ),
          and(
            eq(roleAssignments.scopeType, 'organization'),
            eq(roleAssignments.scopeId, sql.placeholder('organizationId')),
            eq(roleAssignments.role, 'org_admin'),
          ),
          and(
            eq(roleAssignments.scopeType, 'chapter'),
            eq(roleAssignments.scopeId, sql.placeholder('chapterId')),
            eq(roleAssignments.role, 'chapter_leader'),
          ),
        ),
      ),
    )
    .prepare('report_team_candidates'),
);

export async function teamCandidates(
  tx: Executor,
  event: { id: string; organizationId: string; chapterId: string | null },
): Promise<string[]> {
  const rows = await teamCandidateRows(tx).execute({
    eventId: event.id,
    organizationId: event.organizationId,
    chapterId: event.chapterId,
  });
  return [...new Set(rows.map((r) => r.userId))];
}
