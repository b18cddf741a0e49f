import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { listPlan, type ActorFacts, type Role } from '@steward/permissions';
import { eventColumns, planWhere } from './list-filter.js';

const dialect = new PgDialect();
const now = new Date('2026-06-01T12:00:00Z');

/** An actor holding `role` at each of the events, in that order. */
function holding(role: Role, eventIds: string[], attending: string[] = []): ActorFacts {
  return {
    userId: 'u1',
    assignments: eventIds.map((scopeId) => ({
      role,
      scopeType: 'event' as const,
      scopeId,
      expiresAt: null,
    })),
    attending,
  };
}

const where = (actor: ActorFacts) =>
  dialect.sqlToQuery(planWhere(listPlan(actor, 'event.view', now), eventColumns));

describe('planWhere', () => {
  it('makes the same text for one role or many of the same kind, in any order', () => {
    const one = where(holding('responder', ['e1']));
    const three = where(holding('responder', ['e3', 'e1', 'e2']));
    const reordered = where(holding('responder', ['e2', 'e3', 'e1']));
    expect(three.sql).toBe(one.sql);
    expect(reordered.sql).toBe(one.sql);
    // The ids of the clauses made one are one array parameter, each id once.
    expect(one.params).toContainEqual(['e1']);
    expect(three.params).toContainEqual(['e3', 'e1', 'e2']);
    expect(where(holding('responder', ['e1', 'e1'])).params).toContainEqual(['e1']);
  });

  it('keeps clauses of different conditions apart', () => {
    // An event admin is not held back by a suspension, a responder is: two kinds of clause.
    const actor: ActorFacts = {
      userId: 'u1',
      assignments: [
        { role: 'responder', scopeType: 'event', scopeId: 'e1', expiresAt: null },
        { role: 'event_admin', scopeType: 'event', scopeId: 'e2', expiresAt: null },
      ],
    };
    const { sql, params } = where(actor);
    expect(params).toContainEqual(['e1']);
    expect(params).toContainEqual(['e2']);
    expect(sql).not.toBe(where(holding('responder', ['e1', 'e2'])).sql);
  });

  it('answers false for a plan with no clause', () => {
    const none = planWhere({ action: 'event.view', clauses: [] }, eventColumns);
    expect(dialect.sqlToQuery(none).sql).toBe('false');
  });
});
