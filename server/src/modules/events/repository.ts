import { and, asc, count, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/connection.js';
import { chapters, eventLogos, events, organizations } from '../../db/schema/index.js';
import { isUuid, likePattern } from '../../db/inputs.js';
import { batchedRows } from '../../db/batch.js';
import { preparedStatement } from '../../db/prepared.js';

// An event as lists and pages read it: its row, its organization (for the engine's facts and
// the names), its chapter's name, when its logo changed, and the size of its explicit team.
const eventRowColumns = {
  event: events,
  organization: organizations,
  chapterName: chapters.name,
  logoUpdatedAt: eventLogos.updatedAt,
  // Written out: Drizzle leaves columns unqualified in a select list.
  teamCount: sql<number>`(
    select count(*)::int from role_assignments ra
    where ra.scope_type = 'event' and ra.scope_id = "events"."id"
      and ra.role in ('event_admin', 'responder')
      and (ra.expires_at is null or ra.expires_at > now())
  )`,
};

export type EventRow = {
  event: typeof events.$inferSelect;
  organization: typeof organizations.$inferSelect;
  chapterName: string | null;
  logoUpdatedAt: Date | null;
  teamCount: number;
};

function selectEvents(tx: Executor) {
  return tx
    .select(eventRowColumns)
    .from(events)
    .innerJoin(organizations, eq(events.organizationId, organizations.id))
    .leftJoin(chapters, eq(events.chapterId, chapters.id))
    .leftJoin(eventLogos, eq(eventLogos.eventId, events.id));
}

// Nearly every event-scoped request reads its event first: prepared, and the reads of requests
// arriving together go as one statement (db/batch.ts).
const eventsById = preparedStatement((db) =>
  selectEvents(db)
    .where(sql`${events.id} = any(${sql.placeholder('ids')})`)
    .prepare('events_by_id'),
);

const eventsOf = batchedRows(
  (db, ids: readonly string[]) => eventsById(db).execute({ ids }),
  (row) => row.event.id,
);

export async function findEvent(tx: Executor, id: string): Promise<EventRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await eventsOf(tx, [id]);
  return row ?? null;
}

export async function findEventBySlug(tx: Executor, slug: string): Promise<EventRow | null> {
  const [row] = await selectEvents(tx).where(eq(events.slug, slug.toLowerCase()));
  return row ?? null;
}

/**
 * Locks an event's row until the transaction ends: `update` for a change of the event or its
 * places; `share` for work that only needs it to stay as read (check-ins at several doors,
 * messages), which goes on side by side and keeps `update` waiting.
 */
export async function lockEvent(tx: Executor, id: string, mode: 'update' | 'share' = 'update') {
  if (!isUuid(id)) return;
  await tx.select({ id: events.id }).from(events).where(eq(events.id, id)).for(mode);
}

// Locking an event and reading it, as one statement: only the event's own row is locked.
const lockedEventById = {
  update: preparedStatement((db) =>
    selectEvents(db)
      .where(eq(events.id, sql.placeholder('id')))
      .for('update', { of: events })
      .prepare('event_locked_for_update'),
  ),
  share: preparedStatement((db) =>
    selectEvents(db)
      .where(eq(events.id, sql.placeholder('id')))
      .for('share', { of: events })
      .prepare('event_locked_for_share'),
  ),
};

/** The event, its row locked as `lockEvent` does; null (and nothing locked) if there is none. */
export async function findLockedEvent(
  tx: Executor,
  id: string,
  mode: 'update' | 'share' = 'update',
): Promise<EventRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await lockedEventById[mode](tx).execute({ id });
  return row ?? null;
}

export interface EventQuery {
  q?: string | undefined;
  status?: (typeof events.$inferSelect)['status'] | undefined;
  page: number;
  pageSize: number;
}

/** The search box and status filter of event lists, on top of a visibility condition. */
export const eventFilter = (visible: SQL, query: Omit<EventQuery, 'page' | 'pageSize'>) =>
  and(
    visible,
    query.q ? ilike(events.name, likePattern(query.q)) : undefined,
    query.status ? eq(events.status, query.status) : undefined,
  )!;

/** One page of events matching `where`, and how many match. */
export async function searchEvents(
  tx: Executor,
  where: SQL,
  page: { page: number; pageSize: number },
  order: 'newest' | 'oldest' = 'newest',
) {
  const by = order === 'newest' ? desc(events.createdAt) : asc(events.updatedAt);
  const [items, [total]] = await Promise.all([
    selectEvents(tx)
      .where(where)
      .orderBy(by, asc(events.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    tx
      .select({ n: count() })
      .from(events)
      .innerJoin(organizations, eq(events.organizationId, organizations.id))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Up to `limit` events matching `where`, by organization and name (the event switcher). */
export async function listEvents(tx: Executor, where: SQL, limit: number) {
  return selectEvents(tx)
    .where(where)
    .orderBy(asc(organizations.name), asc(events.name), asc(events.id))
    .limit(limit);
}

/** How many events matching `where` are in each status. */
export async function countByStatus(tx: Executor, where: SQL) {
  const rows = await tx
    .select({ status: events.status, n: count() })
    .from(events)
    .innerJoin(organizations, eq(events.organizationId, organizations.id))
    .where(where)
    .groupBy(events.status);
  const counts = { draft: 0, pending_approval: 0, active: 0, archived: 0 };
  for (const r of rows) counts[r.status as keyof typeof counts] = r.n;
  return counts;
}

export async function slugTaken(tx: Executor, slug: string, exceptId?: string) {
  const rows = await tx
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.slug, slug), exceptId ? sql`${events.id} <> ${exceptId}` : undefined));
  return rows.length > 0;
}

export async function insertEvent(tx: Executor, values: typeof events.$inferInsert) {
  const [row] = await tx.insert(events).values(values).returning();
  return row!;
}

export async function updateEvent(
  tx: Executor,
  id: string,
  values: Partial<typeof events.$inferInsert>,
) {
  await tx
    .update(events)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(events.id, id));
}

export async function deleteEvent(tx: Executor, id: string) {
  await tx.delete(events).where(eq(events.id, id));
}

export async function setLogo(
  tx: Executor,
  eventId: string,
  logo: { contentType: string; data: Buffer },
) {
  await tx
    .insert(eventLogos)
    .values({ eventId, ...logo, updatedAt: new Date() })
    .onConflictDoUpdate({ target: eventLogos.eventId, set: { ...logo, updatedAt: new Date() } });
}

export async function deleteLogo(tx: Executor, eventId: string) {
  const rows = await tx
    .delete(eventLogos)
    .where(eq(eventLogos.eventId, eventId))
    .returning({ id: eventLogos.eventId });
  return rows.length > 0;
}

export async function getLogo(tx: Executor, eventId: string) {
  const [row] = await tx
    .select({ contentType: eventLogos.contentType, data: eventLogos.data })
    .from(eventLogos)
    .where(eq(eventLogos.eventId, eventId));
  return row ?? null;
}

/**
 * Whether the database knows a time zone by this name. Node and PostgreSQL ship different
 * tz data (Node still accepts names PostgreSQL dropped, such as US/Pacific-New), and lists
 * compute dates `at time zone` the event's zone: one unknown name would break them for everyone.
 */
export async function timeZoneKnown(tx: Executor, name: string) {
  const rows = await tx.execute(
    sql`select exists (select 1 from pg_timezone_names where name = ${name}) as known`,
  );
  return rowsOf<{ known: boolean }>(rows)[0]?.known === true;
}
