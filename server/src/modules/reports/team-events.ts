import { inArray, or, type SQL } from 'drizzle-orm';
import { decide, isActive, type ActorFacts } from '@steward/permissions';
import { loadEventFacts } from '../../authz/facts.js';
import type { Executor } from '../../db/connection.js';
import { events } from '../../db/schema/index.js';
import { teamProbe } from '../events/present.js';

/**
 * The events where the caller is the response team (a responder, an event admin, or a leader
 * who sees incident data): the candidates come from their assignments, the engine decides.
 */
export async function teamEvents(tx: Executor, actor: ActorFacts): Promise<string[]> {
  const now = new Date();
  const live = actor.assignments.filter((a) => isActive(a, now.getTime()) && a.scopeId);
  const ids = (pick: (a: (typeof live)[number]) => boolean) =>
    live.filter(pick).map((a) => a.scopeId!);
  const held: SQL[] = [];
  const eventIds = ids((a) => a.scopeType === 'event');
  const orgIds = ids((a) => a.role === 'org_admin');
  const chapterIds = ids((a) => a.role === 'chapter_leader');
  if (eventIds.length) held.push(inArray(events.id, eventIds));
  if (orgIds.length) held.push(inArray(events.organizationId, orgIds));
  if (chapterIds.length) held.push(inArray(events.chapterId, chapterIds));
  if (held.length === 0) return [];
  const candidates = await tx
    .select({ id: events.id })
    .from(events)
    .where(or(...held));
  const facts = await loadEventFacts(
    tx,
    candidates.map((c) => c.id),
  );
  return [...facts.values()]
    .filter((e) => decide(actor, 'report.comment.internal.view', teamProbe(e), now).allowed)
    .map((e) => e.id);
}
