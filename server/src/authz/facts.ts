import { eq, inArray, sql } from 'drizzle-orm';
import type { ActorFacts, EventFacts, Role, Scope } from '@steward/permissions';
import type { Executor } from '../db/connection.js';
import { chapters, events, organizations, roleAssignments } from '../db/schema/index.js';

/**
 * The actor's facts: every role assignment (expired ones too, so a denial can say "expired at"),
 * with the name of its scope, in one query.
 */
export async function loadActorFacts(db: Executor, userId: string | null): Promise<ActorFacts> {
  if (userId === null) return { userId: null, assignments: [] };
  const rows = await db
    .select({
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
      expiresAt: roleAssignments.expiresAt,
      scopeName: sql<
        string | null
      >`coalesce(${organizations.name}, ${chapters.name}, ${events.name})`,
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
    .where(eq(roleAssignments.userId, userId));
  return {
    userId,
    assignments: rows.map((r) => ({
      role: r.role as Role,
      scopeType: r.scopeType as Scope,
      scopeId: r.scopeId,
      ...(r.scopeName ? { scopeName: r.scopeName } : {}),
      expiresAt: r.expiresAt,
    })),
    // RSVPs arrive with community events (issue 9); until then nobody attends.
    attending: [],
  };
}

const eventFactsColumns = {
  event: events,
  organization: organizations,
  chapterName: chapters.name,
};

type EventRow = {
  event: typeof events.$inferSelect;
  organization: typeof organizations.$inferSelect;
  chapterName: string | null;
};

/** Turns an events ⋈ organizations row into the engine's facts. */
export function toEventFacts({ event, organization, chapterName }: EventRow): EventFacts {
  return {
    id: event.id,
    name: event.name,
    organization: {
      id: organization.id,
      name: organization.name,
      settings: {
        eventCreation: organization.eventCreation as 'admins' | 'anyone',
        eventApproval: organization.eventApproval as 'required' | 'not_required',
        leadersSeeIncidents: organization.leadersSeeIncidents,
        requireMfaForAdmins: organization.requireMfaForAdmins,
      },
    },
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
    // Reports arrive with the reports issue; until then no event holds incident data.
    hasIncidentData: false,
  };
}

/** The facts of events, by id, in one query. */
export async function loadEventFacts(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, EventFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select(eventFactsColumns)
    .from(events)
    .innerJoin(organizations, eq(events.organizationId, organizations.id))
    .leftJoin(chapters, eq(events.chapterId, chapters.id))
    .where(inArray(events.id, [...ids]));
  return new Map(rows.map((r) => [r.event.id, toEventFacts(r)]));
}
