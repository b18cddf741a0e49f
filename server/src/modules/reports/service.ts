import { createHmac } from 'node:crypto';
import { decide, type Action, type ActorFacts } from '@steward/permissions';
import { authorize, authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { recordAudit } from '../../audit/record.js';
import { instanceSecret } from '../../auth/secret.js';
import type { Database, Executor } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import type { LinkContext, ServiceContext } from '../../context.js';
import { hashToken } from '../../tokens.js';
import { lockedEvent, noSuchEvent } from '../events/service.js';
import { followUpActorId, lockedReport, noSuchReport } from './access.js';
import { loadReportPage, type LoadedPage } from './page.js';
import { presentOwnView, presentReport } from './present.js';
import * as repo from './repository.js';
import { queueReportWebhooks } from '../webhooks/service.js';
import { reportSubmitted } from './notices.js';
import type { ActingContext } from './workflow.js';

export interface NewReport {
  idempotencyKey: string;
  title: string;
  description: string;
  type: string;
  incidentAt: string | null;
  location: string;
  parties: string;
  contactPreference: 'email' | 'phone' | 'in_person' | 'none';
  contactDetails: string;
  anonymous: boolean;
}

/**
 * The follow-up token of an anonymous submission: an HMAC of its event and idempotency key
 * under an installation secret. Only the token's hash and the key's hash are stored, so the
 * database alone opens no link; deriving it lets a retried submission (same key) be answered with
 * the same link, which could not be done with a random token.
 */
async function followUpToken(db: Executor, eventId: string, key: string) {
  const secret = await instanceSecret(db, 'follow_up_secret');
  return createHmac('sha256', secret).update(`${eventId}:${key}`).digest('base64url');
}

function typeOf(types: readonly string[], wanted: string): string {
  const found = types.find((t) => t.toLowerCase() === wanted.trim().toLowerCase());
  if (!found) {
    throw new AppError('validation_failed', 'Choose one of the event’s report types.', [
      { field: 'body.type', message: `Choose one of: ${types.join(', ')}` },
    ]);
  }
  return found;
}

/**
 * Submits a report (SPEC §9). `actor` is null for someone without an account, who may report
 * only where the event takes anonymous reports. A retry with the same idempotency key returns
 * the report the first attempt made: under the event's lock, so two at once make one report.
 */
export async function submitReport(
  db: Database,
  ctx: ServiceContext & LinkContext,
  actor: RequestActor | null,
  eventId: string,
  input: NewReport,
) {
  const facts: ActorFacts = actor?.facts ?? { userId: null, assignments: [] };
  return db.transaction(async (tx) => {
    // Locked before anything is asked of it: the report's number is the event's next.
    const event = await lockedEvent(tx, eventId);
    if (!decide(facts, 'event.view', event.resource, new Date()).allowed) throw noSuchEvent();
    const opts = { seeWith: 'event.view', what: 'event' } as const;
    if (actor) authorizeActor(actor, 'report.create', event.resource, opts);
    else authorize(facts, 'report.create', event.resource, opts);
    const anonymous = actor === null || input.anonymous;
    if (anonymous && event.resource.settings.reportIntake !== 'anonymous') {
      throw new AppError('validation_failed', 'This event does not take anonymous reports.', [
        { field: 'body.anonymous', message: 'Reports here carry your name' },
      ]);
    }

    // Only the key's hash is kept: with a copy of the database, nobody can derive a link.
    const keyHash = hashToken(input.idempotencyKey);
    const existing = await repo.findByIdempotencyKey(tx, eventId, keyHash);
    if (existing) return replay(tx, facts, existing, eventId, input.idempotencyKey);

    const type = typeOf(event.row.event.reportTypes, input.type);
    const number = await repo.nextNumber(tx, eventId);
    const token = anonymous ? await followUpToken(tx, eventId, input.idempotencyKey) : null;
    const report = await repo.insertReport(tx, {
      eventId,
      number,
      authorId: anonymous ? null : facts.userId,
      anonymous,
      title: input.title,
      description: input.description,
      type,
      incidentAt: input.incidentAt ? new Date(input.incidentAt) : null,
      location: input.location,
      parties: input.parties,
      // Without an account there is no address to write to; a phone number or a way to be found
      // in person is the anonymous reporter's own choice to give, and the team needs it.
      contactPreference:
        anonymous && input.contactPreference === 'email' ? 'none' : input.contactPreference,
      contactDetails: anonymous && input.contactPreference === 'email' ? '' : input.contactDetails,
      idempotencyKey: keyHash,
      followUpTokenHash: token ? hashToken(token) : null,
    });
    await queueReportWebhooks(tx, { eventId, reportId: report.id });
    await repo.insertHistory(tx, {
      reportId: report.id,
      actorId: anonymous ? null : facts.userId,
      kind: 'submitted',
      toState: 'submitted',
    });
    // An anonymous report's audit entry names nobody, even when someone signed in sent it.
    await recordAudit(tx, anonymous ? { ...ctx, actor: null } : ctx, {
      scope: { type: 'event', id: eventId },
      action: 'report.submit',
      target: { type: 'report', id: report.id },
      after: { number, type, anonymous },
    });
    const submitted = (await loadReportPage(tx, report.id))!;
    const team = await repo.teamCandidates(tx, event.row.event);
    await reportSubmitted(tx, submitted, team, anonymous ? null : facts.userId, ctx.publicUrl);
    return {
      report: presentOwn(submitted, token ? followUpActorId(report.id) : facts),
      followUpToken: token,
      replayed: false as const,
    };
  });
}

async function replay(
  tx: Executor,
  facts: ActorFacts,
  existing: Awaited<ReturnType<typeof repo.findByIdempotencyKey>> & object,
  eventId: string,
  key: string,
) {
  if (existing.deletedAt) throw noSuchReport();
  if (existing.anonymous) {
    // Whoever holds the key made the submission; the link is derived again, never stored.
    const token = await followUpToken(tx, eventId, key);
    if (hashToken(token) !== existing.followUpTokenHash) throw keyTaken();
    return {
      report: presentOwn((await loadReportPage(tx, existing.id))!, followUpActorId(existing.id)),
      followUpToken: token,
      replayed: true as const,
    };
  }
  if (existing.authorId === null || existing.authorId !== facts.userId) throw keyTaken();
  return {
    report: presentOwn((await loadReportPage(tx, existing.id))!, facts),
    followUpToken: null,
    replayed: true as const,
  };
}

const keyTaken = () =>
  new AppError('conflict', 'This idempotency key belongs to another submission. Use a new one.');

/** The report as its author sees it, whatever else they are in the event. */
function presentOwn(loaded: LoadedPage, author: ActorFacts | string) {
  if (typeof author !== 'string') return presentOwnView(author, loaded);
  return presentOwnView(
    { userId: author, assignments: [] },
    { ...loaded, resource: { ...loaded.resource, authorId: author } },
  );
}

/** The fields each action of SPEC §4 lets the caller edit. */
const fieldActions = {
  title: 'report.update.description',
  description: 'report.update.description',
  contactPreference: 'report.update.contact',
  contactDetails: 'report.update.contact',
  type: 'report.update.details',
  incidentAt: 'report.update.details',
  location: 'report.update.details',
  parties: 'report.update.details',
  severity: 'report.update.severity',
  // The outcome and the follow-up flag are the team's triage, like the state.
  resolution: 'report.state.change',
  followUp: 'report.state.change',
} as const satisfies Record<string, Action>;

export type ReportEdit = {
  -readonly [K in keyof typeof fieldActions]?: K extends 'incidentAt'
    ? string | null
    : K extends 'severity'
      ? 'low' | 'medium' | 'high' | 'critical' | null
      : K extends 'followUp'
        ? boolean
        : string;
};

// Free text is recorded in the audit log as "changed", never copied into it.
const textFields = new Set([
  'title',
  'description',
  'contactDetails',
  'location',
  'parties',
  'resolution',
]);

/** Edits a report's fields, each group authorized on its own, under the report's lock. */
export async function updateReport(
  db: Database,
  ctx: ActingContext,
  actor: RequestActor,
  reportId: string,
  edit: ReportEdit,
) {
  const keys = Object.keys(edit) as (keyof ReportEdit)[];
  const actions = [...new Set(keys.map((k) => fieldActions[k]))];
  return db.transaction(async (tx) => {
    const loaded = await lockedReport(tx, actor, reportId, actions);
    const r = loaded.row.report;
    const change: repo.ReportChange = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of keys) {
      let value: unknown = edit[key];
      if (key === 'type') value = typeOf(loaded.row.event.reportTypes, value as string);
      if (key === 'incidentAt') value = value ? new Date(value as string) : null;
      const old = r[key];
      const same =
        old instanceof Date || value instanceof Date
          ? (old as Date | null)?.getTime() === (value as Date | null)?.getTime()
          : old === value;
      if (same) continue;
      (change as Record<string, unknown>)[key] = value;
      before[key] = textFields.has(key) ? 'changed' : old;
      after[key] = textFields.has(key) ? 'changed' : value;
    }
    if (Object.keys(change).length > 0) {
      await repo.updateReport(tx, r.id, change);
      if ('severity' in change) {
        await repo.insertHistory(tx, {
          reportId: r.id,
          actorId: ctx.actor.userId,
          kind: 'severity',
          detail: { from: r.severity, to: change.severity ?? null },
        });
      }
      await recordAudit(tx, ctx, {
        scope: { type: 'event', id: loaded.row.event.id },
        action: 'report.update',
        target: { type: 'report', id: r.id },
        before,
        after,
      });
    }
    return presentReport(actor.facts, (await loadReportPage(tx, r.id))!);
  });
}

/** Deletes a report (event admins): soft, with a reason, audited; its data stays for the log. */
export async function deleteReport(
  db: Database,
  ctx: ActingContext,
  actor: RequestActor,
  reportId: string,
  reason: string,
) {
  await db.transaction(async (tx) => {
    const loaded = await lockedReport(tx, actor, reportId, ['report.delete']);
    await repo.softDeleteReport(tx, reportId, ctx.actor.userId);
    await repo.insertHistory(tx, {
      reportId,
      actorId: ctx.actor.userId,
      kind: 'deleted',
      note: reason,
    });
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: loaded.row.event.id },
      action: 'report.delete',
      target: { type: 'report', id: reportId },
      before: { number: loaded.row.report.number, state: loaded.row.report.state },
      reason,
    });
  });
}
