import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
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

export async function findByIdempotencyKey(tx: Executor, eventId: string, key: string) {
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.eventId, eventId), eq(reports.idempotencyKey, key)));
  return row ?? null;
}

/** The next report number of an event; counting also marks the event as holding incident data. */
export async function nextNumber(tx: Executor, eventId: string): Promise<number> {
  const [row] = await tx
    .update(events)
    .set({ reportCount: sql`${events.reportCount} + 1` })
    .where(eq(events.id, eventId))
    .returning({ n: events.reportCount });
  return row!.n;
}

export async function insertReport(tx: Executor, values: ReportInsert) {
  const [row] = await tx.insert(reports).values(values).returning();
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

export async function insertHistory(tx: Executor, entry: HistoryInsert) {
  await tx.insert(reportHistory).values(entry);
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
export async function teamCandidates(
  tx: Executor,
  event: { id: string; organizationId: string; chapterId: string | null },
): Promise<string[]> {
  const rows = await tx
    .select({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .where(
      and(
        or(isNull(roleAssignments.expiresAt), gt(roleAssignments.expiresAt, new Date())),
        or(
          and(
            eq(roleAssignments.scopeType, 'event'),
            eq(roleAssignments.scopeId, event.id),
            inArray(roleAssignments.role, ['event_admin', 'responder']),
          ),
          and(
            eq(roleAssignments.scopeType, 'organization'),
            eq(roleAssignments.scopeId, event.organizationId),
            eq(roleAssignments.role, 'org_admin'),
          ),
          event.chapterId
            ? and(
                eq(roleAssignments.scopeType, 'chapter'),
                eq(roleAssignments.scopeId, event.chapterId),
                eq(roleAssignments.role, 'chapter_leader'),
              )
            : undefined,
        ),
      ),
    );
  return [...new Set(rows.map((r) => r.userId))];
}
