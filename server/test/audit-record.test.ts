import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../src/audit/record.js';
import type { DatabaseHandle } from '../src/db/connection.js';
import { auditEntries } from '../src/db/schema/index.js';
import { createTestDatabase } from './support/database.js';

// recordAudit binds each field to a column of one prepared statement (audit/record.ts): a field
// in the wrong place, or JSON's null where nothing was given, would corrupt the audit log
// silently. Every field is read back.
describe('recordAudit', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle?.close());

  const origin = { requestId: 'req-1', ipAddress: '203.0.113.9', userAgent: 'Agent/1.0' };
  const byAction = async (action: string) =>
    (await handle.db.select().from(auditEntries).where(eq(auditEntries.action, action)))[0]!;

  it('writes every field where it belongs', async () => {
    const scopeId = '0196f3a0-0000-7000-8000-000000000001';
    await recordAudit(
      handle.db,
      { actor: { userId: 'user-1' }, origin },
      {
        scope: { type: 'event', id: scopeId },
        action: 'test.every_field',
        outcome: 'denied',
        target: { type: 'report', id: 'report-1' },
        before: { state: 'submitted', tags: ['a', "it's"] },
        after: { state: 'closed', note: null },
        reason: 'forbidden: not on the team',
      },
    );
    const row = await byAction('test.every_field');
    expect(row).toMatchObject({
      actorId: 'user-1',
      scopeType: 'event',
      scopeId,
      outcome: 'denied',
      targetType: 'report',
      targetId: 'report-1',
      before: { state: 'submitted', tags: ['a', "it's"] },
      after: { state: 'closed', note: null },
      reason: 'forbidden: not on the team',
      requestId: 'req-1',
      ipAddress: '203.0.113.9',
      userAgent: 'Agent/1.0',
    });
    expect(Math.abs(row.occurredAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('leaves what was not given empty (SQL null), and keeps a JSON value that is false or 0', async () => {
    await recordAudit(
      handle.db,
      { actor: null, origin: { requestId: null, ipAddress: null, userAgent: null } },
      { scope: { type: 'system' }, action: 'test.defaults', after: false },
    );
    const row = await byAction('test.defaults');
    expect(row).toMatchObject({
      actorId: null,
      scopeType: 'system',
      scopeId: null,
      outcome: 'success',
      targetType: null,
      targetId: null,
      after: false,
      reason: null,
      requestId: null,
    });
    const [nulls] = await handle.db
      .select({ before: sql<boolean>`${auditEntries.before} is null` })
      .from(auditEntries)
      .where(eq(auditEntries.action, 'test.defaults'));
    expect(nulls!.before).toBe(true);
  });
});
