import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestContext } from './app.js';
import { caller, event, type OrgFixture, type Signed } from './structure.js';

// Events that take reports, their teams, and reports submitted through the API, for the report,
// comment and evidence suites.

/** An active event of `org` with these policy settings (SPEC §5). */
export async function activeEvent(
  ctx: TestContext,
  org: OrgFixture,
  settings: Record<string, unknown> = {},
) {
  const call = caller(ctx);
  const ev = await event(ctx, org);
  if (Object.keys(settings).length) {
    const res = await call(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, { settings });
    expect(res.statusCode, res.body).toBe(200);
  }
  const res = await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/activate`, {});
  expect(res.statusCode, res.body).toBe(200);
  return ev;
}

/** Gives `who` an event role, as the organization's admin. */
export async function addToTeam(
  ctx: TestContext,
  org: OrgFixture,
  eventId: string,
  who: Signed,
  role: 'event_admin' | 'responder' | 'reporter' | 'checkiner',
  extra: Record<string, unknown> = {},
) {
  const res = await caller(ctx)(org.orgAdmin.cookie, 'POST', `/api/events/${eventId}/team`, {
    email: who.who.email,
    role,
    ...extra,
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

export interface Submitted {
  id: string;
  number: number;
  followUpToken: string | null;
  idempotencyKey: string;
}

/** Submits a report (signed in with `cookie`, or anonymously with null) and expects 201. */
export async function submitReport(
  ctx: TestContext,
  eventId: string,
  cookie: string | null,
  over: Record<string, unknown> = {},
): Promise<Submitted> {
  const idempotencyKey = randomUUID();
  const res = await caller(ctx)(cookie, 'POST', `/api/events/${eventId}/reports`, {
    idempotencyKey,
    title: 'Unwanted comments at the hallway track',
    description: 'Someone kept commenting on my appearance after I asked them to stop.',
    type: 'harassment',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as {
    report: { id: string; number: number };
    followUpToken: string | null;
  };
  return {
    id: body.report.id,
    number: body.report.number,
    followUpToken: body.followUpToken,
    idempotencyKey,
  };
}
