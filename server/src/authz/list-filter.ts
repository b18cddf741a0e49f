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
  return or(...plan.clauses.map((c) => clauseSql(c, columns)))!;
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
    parts.unshift(inArray(column, [...scope.ids]));
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
