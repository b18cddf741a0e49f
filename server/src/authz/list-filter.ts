import { and, eq, inArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import type {
  EventSettings,
  ListPlan,
  OrganizationSettings,
  PlanClause,
  Predicate,
} from '@steward/permissions';
import { events, organizations } from '../db/schema/index.js';

/**
 * Where each fact a list plan can mention lives in a query. A list of events maps them to the
 * events and organizations tables; a list of reports will add its own columns and relations.
 */
export interface PlanColumns {
  organizationId: Column;
  chapterId: Column;
  eventId: Column;
  status: Column;
  suspended: Column;
  spam: Column;
  rsvpOpen: Column;
  createdBy: Column;
  eventSettings: Record<keyof EventSettings, Column>;
  organizationSettings: Record<keyof OrganizationSettings, Column>;
  authorId?: Column;
  anonymous?: Column;
  /** SQL that is true when `userId` is an assignee of the row. */
  assignedTo?: (userId: string) => SQL;
}

/** The columns of a query over `events` joined to `organizations`. */
export const eventColumns: PlanColumns = {
  organizationId: events.organizationId,
  chapterId: events.chapterId,
  eventId: events.id,
  status: events.status,
  suspended: events.suspended,
  spam: events.spam,
  rsvpOpen: events.rsvpOpen,
  createdBy: events.createdBy,
  eventSettings: {
    responderScope: events.responderScope,
    respondersCanAssign: events.respondersCanAssign,
    reportIntake: events.reportIntake,
    showTeamPublicly: events.showTeamPublicly,
  },
  organizationSettings: {
    eventCreation: organizations.eventCreation,
    eventApproval: organizations.eventApproval,
    leadersSeeIncidents: organizations.leadersSeeIncidents,
    requireMfaForAdmins: organizations.requireMfaForAdmins,
  },
};

/**
 * Turns a list plan into one SQL condition: every list endpoint filters through this, so a list
 * never shows a row that decide() would refuse, nor hides one it would allow.
 */
export function planWhere(plan: ListPlan, columns: PlanColumns): SQL {
  if (plan.clauses.length === 0) return sql`false`;
  return or(...mergedClauses(plan.clauses).map((c) => clauseSql(c, columns)))!;
}

/**
 * The plan's clauses with those that differ only in their scope's ids made one, over all their
 * ids, in an order of their own: (event in A and P) or (event in B and P) is (event in A ∪ B and
 * P). The plan has a clause per role held, so a responder at twenty events had twenty copies of
 * the same conditions. Merged, and with the ids as one array parameter, a list's SQL text depends
 * only on the kinds of role the caller holds, not on how many or in which order: PostgreSQL keeps
 * one prepared statement and plan per kind instead of one per count (db/connection.ts), and the
 * condition it evaluates per row stays short.
 */
function mergedClauses(clauses: readonly PlanClause[]): PlanClause[] {
  const byShape = new Map<string, { scope: PlanClause['scope']; where: PlanClause['where'] }>();
  for (const clause of clauses) {
    const key = `${clause.scope.level} ${JSON.stringify(clause.where)}`;
    const seen = byShape.get(key);
    if (!seen) {
      byShape.set(key, { scope: clause.scope, where: clause.where });
    } else if (seen.scope.level !== 'all' && clause.scope.level !== 'all') {
      const ids = [...new Set([...seen.scope.ids, ...clause.scope.ids])];
      seen.scope = { level: seen.scope.level, ids };
    }
  }
  return [...byShape]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { scope, where }]) => ({ scope, where, via: 'merged' }));
}

function clauseSql(clause: PlanClause, c: PlanColumns): SQL {
  const parts: SQL[] = clause.where.map((p) => predicateSql(p, c));
  const scope = clause.scope;
  if (scope.level !== 'all') {
    const column =
      scope.level === 'organization'
        ? c.organizationId
        : scope.level === 'chapter'
          ? c.chapterId
          : c.eventId;
    parts.unshift(sql`${column} = any(${sql.param([...scope.ids])})`);
  }
  return parts.length === 0 ? sql`true` : and(...parts)!;
}

function predicateSql(p: Predicate, c: PlanColumns): SQL {
  switch (p.kind) {
    case 'status':
      return inArray(c.status, [...p.in]);
    case 'flag':
      return eq(c[p.flag], p.value);
    case 'eventSetting':
      return inArray(c.eventSettings[p.setting], [...p.in]);
    case 'orgSetting':
      return inArray(c.organizationSettings[p.setting], [...p.in]);
    case 'anonymous':
      return eq(required(c.anonymous, 'anonymous'), p.value);
    case 'relation':
      if (p.relation === 'creator') return eq(c.createdBy, p.userId);
      if (p.relation === 'author') return eq(required(c.authorId, 'authorId'), p.userId);
      return required(c.assignedTo, 'assignedTo')(p.userId);
    case 'anyOf':
      return p.of.length === 0 ? sql`false` : or(...p.of.map((q) => predicateSql(q, c)))!;
  }
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`planWhere: this list has no ${name} column`);
  return value;
}
