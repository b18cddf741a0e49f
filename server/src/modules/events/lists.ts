import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import { decide, isActive, listPlan, type ActorFacts } from '@steward/permissions';
import type { Database } from '../../db/connection.js';
import { events } from '../../db/schema/index.js';
import { eventColumns, planWhere } from '../../authz/list-filter.js';
import { toEventFacts } from '../../authz/facts.js';
import { renderMarkdown } from '../../markdown.js';
import { AppError } from '../../errors.js';
import { scopeAssignments } from '../roles/repository.js';
import { findOrganization } from '../organizations/repository.js';
import { presentSummary as presentOrganization } from '../organizations/service.js';
import { eventLogoUrl, presentSummary } from './present.js';
import * as repo from './repository.js';
import { locationRef } from '../locations/refs.js';
import { calendarUrl } from '../listings/service.js';
import { isPublicEvent } from '../listings/visibility.js';

type Query = repo.EventQuery;

/** The events the engine lets the actor see (event.view), as one SQL condition. */
const visibleTo = (actor: ActorFacts, now: Date) =>
  planWhere(listPlan(actor, 'event.view', now), eventColumns);

/** One page of the events the actor may see, newest first (optionally of one organization). */
export async function listEvents(
  db: Database,
  actor: ActorFacts,
  query: Query & { organizationId?: string | undefined },
) {
  const now = new Date();
  const where = repo.eventFilter(
    and(
      visibleTo(actor, now),
      query.organizationId ? eq(events.organizationId, query.organizationId) : undefined,
    )!,
    query,
  );
  const { items, total } = await repo.searchEvents(db, where, query);
  return { items: items.map((r) => presentSummary(r, actor, now.getTime())), total };
}

/**
 * An organization's dashboard: the events of it the actor may see, and how many of those are in
 * each status (whatever the status filter).
 */
export async function listOrganizationEvents(
  db: Database,
  actor: ActorFacts,
  organizationId: string,
  query: Query & { chapterId?: string | undefined },
) {
  const now = new Date();
  const scope = and(
    visibleTo(actor, now),
    eq(events.organizationId, organizationId),
    query.chapterId ? eq(events.chapterId, query.chapterId) : undefined,
  )!;
  const [page, counts] = await Promise.all([
    repo.searchEvents(db, repo.eventFilter(scope, query), query),
    repo.countByStatus(db, repo.eventFilter(scope, { q: query.q })),
  ]);
  return {
    items: page.items.map((r) => presentSummary(r, actor, now.getTime())),
    total: page.total,
    counts,
  };
}

/**
 * The approval queue: events waiting for approval that the actor may publish (publishers
 * everywhere, org admins in their organizations, chapter leaders in their chapters), oldest
 * first.
 */
export async function approvalQueue(
  db: Database,
  actor: ActorFacts,
  query: { q?: string | undefined; page: number; pageSize: number },
) {
  const now = new Date();
  const where = repo.eventFilter(planWhere(listPlan(actor, 'event.publish', now), eventColumns), {
    q: query.q,
    status: 'pending_approval',
  });
  const { items, total } = await repo.searchEvents(db, where, query, 'oldest');
  return { items: items.map((r) => presentSummary(r, actor, now.getTime())), total };
}

const SWITCHER_LIMIT = 200;

/**
 * The event switcher: every event where the actor holds a role, explicitly or through the
 * organization or chapter it belongs to, that they may see; grouped by organization.
 */
export async function myEvents(db: Database, actor: ActorFacts, q: string | undefined) {
  const now = new Date();
  const live = actor.assignments.filter((a) => isActive(a, now.getTime()));
  const idsOf = (pick: (a: (typeof live)[number]) => boolean) =>
    live.filter(pick).map((a) => a.scopeId!);
  const eventIds = [...idsOf((a) => a.scopeType === 'event'), ...(actor.attending ?? [])];
  const orgIds = idsOf((a) => a.role === 'org_admin');
  const chapterIds = idsOf((a) => a.role === 'chapter_leader');
  const held: SQL[] = [];
  if (eventIds.length) held.push(inArray(events.id, eventIds));
  if (orgIds.length) held.push(inArray(events.organizationId, orgIds));
  if (chapterIds.length) held.push(inArray(events.chapterId, chapterIds));
  if (held.length === 0) return { organizations: [], truncated: false };
  const where = repo.eventFilter(and(or(...held), visibleTo(actor, now))!, { q });
  const rows = await repo.listEvents(db, where, SWITCHER_LIMIT + 1);
  const groups = new Map<
    string,
    { id: string; name: string; events: ReturnType<typeof presentSummary>[] }
  >();
  for (const row of rows.slice(0, SWITCHER_LIMIT)) {
    const group = groups.get(row.organization.id) ?? {
      id: row.organization.id,
      name: row.organization.name,
      events: [],
    };
    group.events.push(presentSummary(row, actor, now.getTime()));
    groups.set(group.id, group);
  }
  return { organizations: [...groups.values()], truncated: rows.length > SWITCHER_LIMIT };
}

/**
 * The public page of an event: for everyone while it is active (not suspended, not spam); for
 * people who may see it unpublished, a preview. Everyone else gets the 404 of a missing event.
 */
export async function publicEvent(db: Database, actor: ActorFacts, slug: string) {
  const row = await repo.findEventBySlug(db, slug);
  const notFound = () => new AppError('not_found', 'No such event.');
  if (!row) throw notFound();
  const now = new Date();
  const resource = { type: 'event' as const, ...toEventFacts(row) };
  const isPublic = isPublicEvent(resource, now);
  // A preview is for people who may see the event unpublished, not for the public seeing an
  // archived one.
  const seen = decide(actor, 'event.view', resource, now);
  if (!isPublic && !(seen.allowed && seen.hold?.relation !== 'anyone')) throw notFound();
  const organization = await findOrganization(db, row.organization.id);
  const team = decide(actor, 'event.team.view_public', resource, now).allowed
    ? await scopeAssignments(db, 'event', row.event.id, ['event_admin', 'responder'])
    : null;
  const e = row.event;
  return {
    eventId: e.id,
    name: e.name,
    slug: e.slug,
    description: e.description,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    timeZone: e.timeZone,
    website: e.website,
    contactEmail: e.contactEmail,
    codeOfConductHtml: renderMarkdown(e.codeOfConduct),
    logoUrl: eventLogoUrl(row),
    location: await locationRef(db, e.locationId),
    calendarUrl: await calendarUrl(db, e, isPublic),
    organization: {
      name: row.organization.name,
      logoUrl: organization ? presentOrganization(organization, actor).logoUrl : null,
    },
    // One line per person, with their highest role (assignments come ordered by role).
    team: team
      ? team
          .filter((m, i) => team.findIndex((x) => x.userId === m.userId) === i)
          .map((m) => ({ name: m.name, role: m.role }))
      : null,
    preview: !isPublic,
    canReport: decide(actor, 'report.create', resource, now).allowed,
    reportIntake: resource.settings.reportIntake,
    reportTypes: e.reportTypes,
  };
}
