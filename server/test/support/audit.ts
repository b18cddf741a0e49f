import { asc } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditEntries } from '../../src/db/schema/index.js';
import type { TestContext } from './app.js';

export type AuditEntryRow = typeof auditEntries.$inferSelect;

export interface ExpectedAudit {
  action: string;
  /** Who acted; null for nobody signed in (a refused sign-in, an anonymous report). */
  actorId: string | null;
  /** The scope the entry is filed under; `id` null (or left out) for the system. */
  scope: { type: string; id?: string | null };
  outcome?: 'success' | 'denied';
  target?: { type: string; id?: string };
}

/** Every audit entry of the test's database, oldest first. */
export async function auditRows(ctx: TestContext): Promise<AuditEntryRow[]> {
  return ctx.database.db.select().from(auditEntries).orderBy(asc(auditEntries.occurredAt));
}

/**
 * Runs `act` (a mutation through the API) and checks that it wrote exactly one audit entry, with
 * this action, actor, scope (and outcome, target when given). Returns what `act` returned and the
 * entry, for further checks of before / after / reason.
 *
 *   const { result: res } = await expectOneAudit(ctx, () => call(cookie, 'POST', url, body), {
 *     action: 'event.archive', actorId: admin.id, scope: { type: 'event', id: eventId },
 *   });
 */
export async function expectOneAudit<T>(
  ctx: TestContext,
  act: () => Promise<T>,
  expected: ExpectedAudit,
): Promise<{ result: T; entry: AuditEntryRow }> {
  const before = new Set((await auditRows(ctx)).map((r) => r.id));
  const result = await act();
  const written = (await auditRows(ctx)).filter((r) => !before.has(r.id));
  const describe = written.map((r) => `${r.action} (${r.outcome})`).join(', ') || 'none';
  expect(written.length, `audit entries written: ${describe}`).toBe(1);
  const entry = written[0]!;
  expect({
    action: entry.action,
    actorId: entry.actorId,
    scope: { type: entry.scopeType, id: entry.scopeId },
    outcome: entry.outcome,
  }).toEqual({
    action: expected.action,
    actorId: expected.actorId,
    scope: { type: expected.scope.type, id: expected.scope.id ?? null },
    outcome: expected.outcome ?? 'success',
  });
  if (expected.target) {
    expect(entry.targetType).toBe(expected.target.type);
    if (expected.target.id !== undefined) expect(entry.targetId).toBe(expected.target.id);
  }
  return { result, entry };
}
