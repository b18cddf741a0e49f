import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { union } from 'drizzle-orm/pg-core';
import type {
  ActorFacts,
  EventFacts,
  OrganizationFacts,
  ResourceOf,
  Role,
  Scope,
} from '@steward/permissions';
import type { Executor } from '../db/connection.js';
import { preparedStatement } from '../db/prepared.js';
import { isUuid } from '../db/inputs.js';
import {
  chapters,
  eventSessions,
  events,
  locations,
  organizations,
  regions,
  roleAssignments,
  rsvps,
} from '../db/schema/index.js';

/**
 * The actor's facts: every role assignment (expired ones too, so a denial can say "expired at"),
 * with the name of its scope, and the events they attend. One prepared statement: nearly every
 * request asks for them.
 */
export async function loadActorFacts(db: Executor, userId: string | null): Promise<ActorFacts> {
  if (userId === null) return { userId: null, assignments: [] };
  return toActorFacts(userId, await actorFactsStatement(db).execute({ userId }));
}

/**
 * loadActorFacts() for several people in one statement, e.g. everyone a notice may go to: a
 * query per person made every report submission cost one round trip per team member.
 */
export async function loadActorFactsOf(
  db: Executor,
  userIds: readonly string[],
): Promise<Map<string, ActorFacts>> {
  const ids = [...new Set(userIds)];
  const rows = ids.length ? await actorFactsOfStatement(db).execute({ userIds: ids }) : [];
  const byUser = new Map<string, FactRow[]>(ids.map((id) => [id, []]));
  for (const row of rows) byUser.get(row.userId)?.push(row);
  return new Map(ids.map((id) => [id, toActorFacts(id, byUser.get(id)!)]));
}

interface FactRow {
  role: string | null;
  scopeType: string;
  scopeId: string | null;
  expiresAt: Date | null;
  scopeName: string | null;
}

function toActorFacts(userId: string, rows: readonly FactRow[]): ActorFacts {
  const assignments: ActorFacts['assignments'][number][] = [];
  const attending: string[] = [];
  for (const r of rows) {
    if (r.role === null) {
      attending.push(r.scopeId!);
      continue;
    }
    assignments.push({
      role: r.role as Role,
      scopeType: r.scopeType as Scope,
      scopeId: r.scopeId,
      ...(r.scopeName ? { scopeName: r.scopeName } : {}),
      expiresAt: r.expiresAt,
    });
  }
  return { userId, assignments, attending };
}

/**
 * The facts of the user in `userId` (a column of an outer query) as one JSON array, for a
 * statement that reads them with something else (the session: auth/session-lookup.ts).
 */
export function actorFactsJson(db: Executor, userId: AnyPgColumn) {
  const rows = actorFactsQuery(db, (column) => sql`${column} = ${userId}`);
  return sql<FactJson[]>`(select coalesce(json_agg(f), '[]'::json) from (${rows}) f)`;
}

/** A row of actorFactsJson(): column names, and the expiry as JSON's text. */
export interface FactJson {
  user_id: string;
  role: string | null;
  scope_type: string;
  scope_id: string | null;
  expires_at: string | null;
  scope_name: string | null;
}

/** The facts in actorFactsJson()'s array. */
export function factsFromJson(userId: string, rows: readonly FactJson[]): ActorFacts {
  return toActorFacts(
    userId,
    rows.map((r) => ({
      role: r.role,
      scopeType: r.scope_type,
      scopeId: r.scope_id,
      expiresAt: r.expires_at === null ? null : new Date(r.expires_at),
      scopeName: r.scope_name,
    })),
  );
}

// Role assignments with their scope's name, then (role null) the events the actor attends: an
// RSVP, confirmed or waitlisted, makes a reporter of the event (SPEC §2).
function actorFactsQuery(db: Executor, forUsers: (column: SQL | AnyPgColumn) => SQL) {
  const expiresAt = (value: SQL) => sql<Date | null>`${value}`.mapWith(roleAssignments.expiresAt);
  return db
    .select({
      userId: sql<string>`${roleAssignments.userId}`.as('user_id'),
      role: sql<string | null>`${roleAssignments.role}`.as('role'),
      scopeType: sql<string>`${roleAssignments.scopeType}`.as('scope_type'),
      scopeId: sql<string | null>`${roleAssignments.scopeId}`.as('scope_id'),
      expiresAt: expiresAt(sql`${roleAssignments.expiresAt}`).as('expires_at'),
      scopeName: sql<
        string | null
      >`coalesce(${organizations.name}, ${chapters.name}, ${events.name}, ${regions.name})`.as(
        'scope_name',
      ),
    })
    .from(roleAssignments)
    .leftJoin(
      organizations,
      sql`${roleAssignments.scopeType} = 'organization' and ${organizations.id} = ${roleAssignments.scopeId}`,
    )
    .leftJoin(
      chapters,
      sql`${roleAssignments.scopeType} = 'chapter' and ${chapters.id} = ${roleAssignments.scopeId}`,
    )
    .leftJoin(
      events,
      sql`${roleAssignments.scopeType} = 'event' and ${events.id} = ${roleAssignments.scopeId}`,
    )
    .leftJoin(
      regions,
      sql`${roleAssignments.scopeType} = 'region' and ${regions.id} = ${roleAssignments.scopeId}`,
    )
    .where(forUsers(roleAssignments.userId))
    .unionAll(
      db
        .select({
          userId: sql<string>`${rsvps.userId}`.as('user_id'),
          role: sql<string | null>`null`.as('role'),
          scopeType: sql<string>`'event'`.as('scope_type'),
          scopeId: sql<string | null>`${rsvps.eventId}`.as('scope_id'),
          expiresAt: expiresAt(sql`null`).as('expires_at'),
          scopeName: sql<string | null>`null`.as('scope_name'),
        })
        .from(rsvps)
        .where(and(forUsers(rsvps.userId), inArray(rsvps.status, ['confirmed', 'waitlisted']))),
    );
}

const actorFactsStatement = preparedStatement((db) =>
  actorFactsQuery(db, (column) => sql`${column} = ${sql.placeholder('userId')}`).prepare(
    'actor_facts',
  ),
);

const actorFactsOfStatement = preparedStatement((db) =>
  actorFactsQuery(db, (column) => sql`${column} = any(${sql.placeholder('userIds')})`).prepare(
    'actor_facts_of',
  ),
);

// The columns the engine's facts are made of, and no more: a read that only decides (a report's
// page, a list's filter) does not carry an event's description or code of conduct with it.
/** An event's columns that its facts need (toEventFacts). */
export const eventFactColumns = {
  id: events.id,
  name: events.name,
  organizationId: events.organizationId,
  chapterId: events.chapterId,
  status: events.status,
  suspended: events.suspended,
  spam: events.spam,
  rsvpOpen: events.rsvpOpen,
  createdBy: events.createdBy,
  responderScope: events.responderScope,
  respondersCanAssign: events.respondersCanAssign,
  reportIntake: events.reportIntake,
  showTeamPublicly: events.showTeamPublicly,
  reportCount: events.reportCount,
};

/** An organization's columns that its facts need (toOrganizationFacts). */
export const organizationFactColumns = {
  id: organizations.id,
  name: organizations.name,
  eventCreation: organizations.eventCreation,
  eventApproval: organizations.eventApproval,
  leadersSeeIncidents: organizations.leadersSeeIncidents,
  requireMfaForAdmins: organizations.requireMfaForAdmins,
};

export type EventFactFields = Pick<typeof events.$inferSelect, keyof typeof eventFactColumns>;
export type OrganizationFactFields = Pick<
  typeof organizations.$inferSelect,
  keyof typeof organizationFactColumns
>;

const eventFactsSelect = {
  event: eventFactColumns,
  organization: organizationFactColumns,
  chapterName: chapters.name,
};

/** What toEventFacts reads: an event's fact columns, its organization's, its chapter's name. */
type EventRow = {
  event: EventFactFields;
  organization: OrganizationFactFields;
  chapterName: string | null;
};

/** Turns an events ⋈ organizations row into the engine's facts. */
export function toEventFacts({ event, organization, chapterName }: EventRow): EventFacts {
  return {
    id: event.id,
    name: event.name,
    organization: toOrganizationFacts(organization),
    chapter: event.chapterId
      ? { id: event.chapterId, ...(chapterName ? { name: chapterName } : {}) }
      : null,
    status: event.status as EventFacts['status'],
    suspended: event.suspended,
    spam: event.spam,
    rsvpOpen: event.rsvpOpen,
    createdBy: event.createdBy,
    settings: {
      responderScope: event.responderScope as 'all' | 'assigned',
      respondersCanAssign: event.respondersCanAssign,
      reportIntake: event.reportIntake as 'members' | 'signed_in' | 'anonymous',
      showTeamPublicly: event.showTeamPublicly,
    },
    // Soft-deleted reports still count: their data is kept.
    hasIncidentData: event.reportCount > 0,
  };
}

/** The facts of events, by id, in one query. */
export async function loadEventFacts(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, EventFacts>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await db
    .select(eventFactsSelect)
    .from(events)
    .innerJoin(organizations, eq(events.organizationId, organizations.id))
    .leftJoin(chapters, eq(events.chapterId, chapters.id))
    .where(inArray(events.id, valid));
  return new Map(rows.map((r) => [r.event.id, toEventFacts(r)]));
}

/** An organization's facts as the engine reads them. */
export function toOrganizationFacts(organization: OrganizationFactFields): OrganizationFacts {
  return {
    id: organization.id,
    name: organization.name,
    settings: {
      eventCreation: organization.eventCreation as 'admins' | 'anyone',
      eventApproval: organization.eventApproval as 'required' | 'not_required',
      leadersSeeIncidents: organization.leadersSeeIncidents,
      requireMfaForAdmins: organization.requireMfaForAdmins,
    },
  };
}

/** A chapter as the engine reads it: its organization and how many events it holds. */
export async function loadChapterResource(
  db: Executor,
  id: string,
): Promise<{ resource: ResourceOf<'chapter'>; row: typeof chapters.$inferSelect } | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      chapter: chapters,
      organization: organizations,
      // Written out: Drizzle leaves columns unqualified in a select list.
      eventCount: sql<number>`(select count(*)::int from events e where e.chapter_id = "chapters"."id")`,
    })
    .from(chapters)
    .innerJoin(organizations, eq(chapters.organizationId, organizations.id))
    .where(eq(chapters.id, id));
  if (!row) return null;
  return {
    row: row.chapter,
    resource: {
      type: 'chapter',
      id: row.chapter.id,
      name: row.chapter.name,
      organization: toOrganizationFacts(row.organization),
      eventCount: Number(row.eventCount),
    },
  };
}

/** A region as the engine reads it, with its row. */
export interface LoadedRegion {
  row: typeof regions.$inferSelect;
  resource: ResourceOf<'region'>;
}

/** Regions as the engine reads them (with how many locations each holds), by id, in one query. */
export async function loadRegionResources(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, LoadedRegion>> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return new Map();
  const rows = await db
    .select({
      region: regions,
      // Written out: Drizzle leaves columns unqualified in a select list.
      locationCount: sql<number>`(select count(*)::int from locations l where l.region_id = "regions"."id")`,
    })
    .from(regions)
    .where(inArray(regions.id, valid));
  return new Map(
    rows.map((r) => [
      r.region.id,
      {
        row: r.region,
        resource: {
          type: 'region',
          id: r.region.id,
          name: r.region.name,
          locationCount: Number(r.locationCount),
        },
      },
    ]),
  );
}

/** One region as the engine reads it; null when there is none. */
export async function loadRegionResource(db: Executor, id: string) {
  return (await loadRegionResources(db, [id])).get(id) ?? null;
}

/** A location as the engine reads it, with its row. */
export interface LoadedLocation {
  row: typeof locations.$inferSelect;
  resource: ResourceOf<'location'>;
}

/**
 * Locations as the engine reads them, by id: each with its region and the events that use it,
 * as their main location or through a session, whatever their state (docs/community-events.md).
 * Three queries, however many locations: the locations, which events use them, those events.
 */
export async function loadLocationResources(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, LoadedLocation>> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return new Map();
  const [rows, uses] = await Promise.all([
    db
      .select({ location: locations, regionName: regions.name })
      .from(locations)
      .leftJoin(regions, eq(regions.id, locations.regionId))
      .where(inArray(locations.id, valid)),
    union(
      db
        .select({ locationId: events.locationId, eventId: events.id })
        .from(events)
        .where(inArray(events.locationId, valid)),
      db
        .select({ locationId: eventSessions.locationId, eventId: eventSessions.eventId })
        .from(eventSessions)
        .where(inArray(eventSessions.locationId, valid)),
    ),
  ]);
  const facts = await loadEventFacts(db, [...new Set(uses.map((u) => u.eventId))]);
  const eventsAt = new Map<string, EventFacts[]>();
  for (const use of uses) {
    const event = use.locationId ? facts.get(use.eventId) : undefined;
    if (!event) continue;
    const list = eventsAt.get(use.locationId!) ?? [];
    list.push(event);
    eventsAt.set(use.locationId!, list);
  }
  return new Map(
    rows.map(({ location, regionName }) => [
      location.id,
      {
        row: location,
        resource: {
          type: 'location',
          id: location.id,
          name: location.name,
          region: location.regionId
            ? { id: location.regionId, ...(regionName ? { name: regionName } : {}) }
            : null,
          events: eventsAt.get(location.id) ?? [],
        },
      },
    ]),
  );
}

/** One location as the engine reads it; null when there is none. */
export async function loadLocationResource(db: Executor, id: string) {
  return (await loadLocationResources(db, [id])).get(id) ?? null;
}

/** The caller's facts when signed in; an anonymous visitor's otherwise (for public reads). */
export async function callerFacts(request: {
  sessionUser(): Promise<unknown>;
  requireActor(): Promise<{ facts: ActorFacts }>;
}): Promise<ActorFacts> {
  if (!(await request.sessionUser())) return { userId: null, assignments: [] };
  return (await request.requireActor()).facts;
}
