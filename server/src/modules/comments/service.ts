import { decide, type Action, type Resource, type ResourceOf } from '@steward/permissions';
import { recordAudit } from '../../audit/record.js';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { blockedByMfa } from '../../authz/mfa.js';
import type { Database, Executor } from '../../db/connection.js';
import type { LinkContext, ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { renderMarkdown } from '../../markdown.js';
import {
  authorizedFollowUp,
  authorizedReport,
  followUpActorId,
  loadReport,
  lockedReport,
  seesAsTeam,
  type LoadedReport,
} from '../reports/access.js';
import { reportReplied } from '../reports/notices.js';
import * as repo from './repository.js';

// The verbs of comments. A comment is seen through its report: whoever may not view the report
// (or, for an internal or deleted comment, the team's side of it) gets the 404 of a missing
// comment. Every change runs in one transaction with its audit entry and touches the report.

type ActingContext = ServiceContext & { actor: { userId: string } };
type Visibility = 'internal' | 'external';
type Page = { page: number; pageSize: number };

/** What the caller may do with a comment, as the engine decides it for them. */
type May = (action: Action, resource: Resource) => boolean;

/** A signed-in person's abilities: the engine's decision, held to two-factor like the routes. */
function mayFor(actor: RequestActor): May {
  const now = new Date();
  return (action, resource) => {
    const decision = decide(actor.facts, action, resource, now);
    return decision.allowed && !blockedByMfa(actor, decision, resource);
  };
}

/** The follow-up link only reads and replies: it offers no edit, delete, share or revisions. */
const throughFollowUpLink: May = () => false;

export const noSuchComment = () => new AppError('not_found', 'No such comment.');

/**
 * A comment as the engine sees it. The anonymous reporter's comments are written by the
 * follow-up link's actor; a comment whose writer's account is gone has a writer nobody is.
 */
export function commentResource(row: repo.CommentRow, report: LoadedReport): ResourceOf<'comment'> {
  const c = row.comment;
  const writerId = c.byAnonymousReporter ? followUpActorId(c.reportId) : (c.writerId ?? '');
  return {
    type: 'comment',
    id: c.id,
    report: report.resource,
    writerId,
    visibility: c.visibility as Visibility,
  };
}

/** What lets someone see a comment: the report, and the team's side of it for internal ones. */
const viewActionOf = (visibility: Visibility): Action =>
  visibility === 'internal' ? 'report.comment.internal.view' : 'report.view';

/**
 * A comment as the API shows it to someone who may see it. Whoever is not the team (the author,
 * the follow-up link) sees a shared comment as if written when it was shared: not that it began
 * as internal, nor its wordings or edits from before (see commentRevisions).
 */
function present(row: repo.CommentRow, report: LoadedReport, may: May) {
  const c = row.comment;
  const deleted = c.deletedAt !== null;
  const resource = commentResource(row, report);
  const team = may('report.comment.internal.view', report.resource);
  const sharedAt = !team && c.sharedAt ? c.sharedAt : null;
  const editedAt = c.editedAt && (!sharedAt || c.editedAt > sharedAt) ? c.editedAt : null;
  return {
    id: c.id,
    reportId: c.reportId,
    visibility: c.visibility as Visibility,
    body: deleted ? '' : c.body,
    bodyHtml: deleted ? '' : renderMarkdown(c.body),
    writer:
      c.writerId !== null && row.writerName !== null
        ? { id: c.writerId, name: row.writerName }
        : null,
    byReporter:
      c.byAnonymousReporter || (c.writerId !== null && c.writerId === report.row.report.authorId),
    createdAt: (sharedAt ?? c.createdAt).toISOString(),
    editedAt: editedAt?.toISOString() ?? null,
    shared:
      team && c.sharedAt
        ? {
            at: c.sharedAt.toISOString(),
            by:
              c.sharedBy !== null && row.sharerName !== null
                ? { id: c.sharedBy, name: row.sharerName }
                : null,
          }
        : null,
    deleted,
    can: {
      edit: !deleted && may('report.comment.update', resource),
      delete: !deleted && may('report.comment.delete', resource),
      share: !deleted && may('report.comment.internal.share', resource),
      // Whoever may see the comment may read its earlier wordings (the author only those
      // written after it was shared); a tombstone has none.
      viewRevisions:
        !deleted &&
        may(viewActionOf(c.visibility as Visibility), report.resource) &&
        (!sharedAt || editedAt !== null),
    },
  };
}

export type CommentJson = ReturnType<typeof present>;

async function presentById(tx: Executor, id: string, report: LoadedReport, may: May) {
  const row = await repo.findComment(tx, id);
  if (!row) throw noSuchComment();
  return present(row, report, may);
}

/**
 * A comment the caller may see, with its report. The report comes first (404 to whoever may
 * not view it); an internal comment, and a deleted one (a tombstone), are the team's only.
 * With `lock` (inside a change), the report's row and then the comment's are held to the end of
 * the transaction, in the order every change of a report takes them, and the decision is made
 * on what was read under the locks.
 */
async function visibleComment(
  tx: Executor,
  actor: RequestActor,
  commentId: string,
  opts: { lock?: boolean } = {},
) {
  let row = await repo.findComment(tx, commentId);
  const report = row ? await loadReport(tx, row.comment.reportId, opts) : null;
  if (row && report && opts.lock) {
    await repo.lockComment(tx, commentId);
    row = await repo.findComment(tx, commentId);
  }
  if (!row || !report) throw noSuchComment();
  const seeWith = viewActionOf(
    row.comment.deletedAt !== null ? 'internal' : (row.comment.visibility as Visibility),
  );
  authorizeActor(actor, seeWith, report.resource, { what: 'comment' });
  return { row, report, resource: commentResource(row, report) };
}

const scopeOf = (report: LoadedReport) => ({ type: 'event' as const, id: report.row.event.id });

/** One page of a report's comments that the caller may see, oldest first. */
export async function listReportComments(
  db: Database,
  actor: RequestActor,
  reportId: string,
  page: Page,
) {
  const report = await authorizedReport(db, actor, reportId);
  const may = mayFor(actor);
  const team = may('report.comment.internal.view', report.resource);
  const { items, total } = await repo.listComments(
    db,
    report.row.report.id,
    { internal: team, tombstones: team },
    page,
  );
  return { items: items.map((row) => present(row, report, may)), total, ...page };
}

/** Comments on a report: external ones for the author and the team, internal for the team. */
export async function createComment(
  db: Database,
  ctx: ActingContext & LinkContext,
  actor: RequestActor,
  reportId: string,
  input: { body: string; visibility: Visibility },
) {
  return db.transaction(async (tx) => {
    const action: Action =
      input.visibility === 'internal'
        ? 'report.comment.internal.create'
        : 'report.comment.external.create';
    const report = await lockedReport(tx, actor, reportId, [action]);
    const row = await repo.insertComment(
      tx,
      {
        reportId: report.row.report.id,
        writerId: actor.user.id,
        byAnonymousReporter: false,
        visibility: input.visibility,
        body: input.body,
      },
      actor.user.name,
    );
    const id = row.comment.id;
    await repo.touchReport(tx, report.row.report.id);
    const comment = present(row, report, mayFor(actor));
    await recordAudit(tx, ctx, {
      scope: scopeOf(report),
      action: 'report.comment.create',
      target: { type: 'comment', id },
      after: {
        reportId: comment.reportId,
        visibility: comment.visibility,
        byReporter: comment.byReporter,
      },
    });
    if (input.visibility === 'external') {
      await reportReplied(tx, report, ctx.actor.userId, ctx.publicUrl);
    }
    return comment;
  });
}

/** A new wording by the comment's writer; the old one is kept as a revision. */
export async function editComment(
  db: Database,
  ctx: ActingContext,
  actor: RequestActor,
  commentId: string,
  body: string,
) {
  return db.transaction(async (tx) => {
    const { row, report, resource } = await visibleComment(tx, actor, commentId, { lock: true });
    authorizeActor(actor, 'report.comment.update', resource, { visible: true });
    if (row.comment.deletedAt) {
      throw new AppError('invalid_state', 'A deleted comment cannot be edited.');
    }
    const may = mayFor(actor);
    // The same words again change nothing: no revision, no audit entry.
    if (body === row.comment.body) return present(row, report, may);
    await repo.replaceBody(tx, row.comment.id, row.comment.body, body);
    await repo.touchReport(tx, report.row.report.id);
    // The words stay out of the audit log: a deletion must be able to erase them everywhere.
    await recordAudit(tx, ctx, {
      scope: scopeOf(report),
      action: 'report.comment.update',
      target: { type: 'comment', id: row.comment.id },
      before: { editedAt: row.comment.editedAt?.toISOString() ?? null },
      after: {
        visibility: row.comment.visibility,
        revisions: await repo.countRevisions(tx, row.comment.id),
      },
    });
    return presentById(tx, row.comment.id, report, may);
  });
}

/**
 * A comment's earlier wordings, oldest first, for whoever may see the comment. The team sees
 * them all; anyone else, of a shared comment, only those replaced after it was shared: what it
 * said while internal stays internal.
 */
export async function commentRevisions(db: Database, actor: RequestActor, commentId: string) {
  const { row, report } = await visibleComment(db, actor, commentId);
  const team = mayFor(actor)('report.comment.internal.view', report.resource);
  const since = !team ? row.comment.sharedAt : null;
  const revisions = await repo.listRevisions(db, row.comment.id);
  return revisions
    .filter((r) => !since || r.replacedAt > since)
    .map((r) => ({
      body: r.body,
      bodyHtml: renderMarkdown(r.body),
      replacedAt: r.replacedAt.toISOString(),
    }));
}

/** Soft deletion by an event admin: the words and their revisions go, a tombstone stays. */
export async function deleteComment(
  db: Database,
  ctx: ActingContext,
  actor: RequestActor,
  commentId: string,
  reason: string | null,
) {
  await db.transaction(async (tx) => {
    const { row, report, resource } = await visibleComment(tx, actor, commentId, { lock: true });
    authorizeActor(actor, 'report.comment.delete', resource, { visible: true });
    const c = row.comment;
    if (c.deletedAt) throw new AppError('invalid_state', 'This comment is already deleted.');
    await repo.eraseComment(tx, c.id, ctx.actor.userId);
    await repo.touchReport(tx, report.row.report.id);
    // Who wrote it and where it was seen, never what it said.
    await recordAudit(tx, ctx, {
      scope: scopeOf(report),
      action: 'report.comment.delete',
      target: { type: 'comment', id: c.id },
      before: {
        reportId: c.reportId,
        writerId: c.writerId,
        byAnonymousReporter: c.byAnonymousReporter,
        visibility: c.visibility,
        createdAt: c.createdAt.toISOString(),
      },
      reason,
    });
  });
}

/**
 * Shares an internal comment with the author: it becomes external. Whether the caller may share
 * is asked of the engine about the comment as an internal one, so the author (who may see an
 * external comment) gets 403, and the team a 409 for a comment that is no longer internal.
 */
export async function shareComment(
  db: Database,
  ctx: ActingContext & LinkContext,
  actor: RequestActor,
  commentId: string,
) {
  return db.transaction(async (tx) => {
    const { row, report, resource } = await visibleComment(tx, actor, commentId, { lock: true });
    authorizeActor(
      actor,
      'report.comment.internal.share',
      { ...resource, visibility: 'internal' },
      { visible: true },
    );
    const c = row.comment;
    if (c.deletedAt) throw new AppError('invalid_state', 'A deleted comment cannot be shared.');
    if (c.visibility !== 'internal') {
      throw new AppError('invalid_state', 'This comment is already visible to the reporter.');
    }
    await repo.shareComment(tx, c.id, ctx.actor.userId);
    await repo.touchReport(tx, report.row.report.id);
    await recordAudit(tx, ctx, {
      scope: scopeOf(report),
      action: 'report.comment.share',
      target: { type: 'comment', id: c.id },
      before: { visibility: 'internal' },
      after: { visibility: 'external' },
    });
    await reportReplied(tx, report, ctx.actor.userId, ctx.publicUrl);
    return presentById(tx, c.id, report, mayFor(actor));
  });
}

/** The external comments of an anonymous report, through its follow-up link. */
export async function listFollowUpComments(db: Database, token: string, page: Page) {
  const report = await authorizedFollowUp(db, token);
  // The link acts as the report's author: the engine gives it no internal view (asked anyway).
  const team = seesAsTeam(report.actor, report.resource);
  const { items, total } = await repo.listComments(
    db,
    report.row.report.id,
    { internal: team, tombstones: team },
    page,
  );
  return { items: items.map((row) => present(row, report, throughFollowUpLink)), total, ...page };
}

/** A reply by the anonymous reporter, through the follow-up link: external, without a writer. */
export async function createFollowUpComment(
  db: Database,
  ctx: ServiceContext & LinkContext,
  token: string,
  body: string,
) {
  return db.transaction(async (tx) => {
    const report = await authorizedFollowUp(tx, token, 'report.comment.external.create');
    const row = await repo.insertComment(
      tx,
      {
        reportId: report.row.report.id,
        writerId: null,
        byAnonymousReporter: true,
        visibility: 'external',
        body,
      },
      null,
    );
    const id = row.comment.id;
    await repo.touchReport(tx, report.row.report.id);
    await recordAudit(tx, ctx, {
      scope: scopeOf(report),
      action: 'report.comment.create',
      target: { type: 'comment', id },
      after: { reportId: report.row.report.id, visibility: 'external', byReporter: true },
    });
    await reportReplied(tx, report, null, ctx.publicUrl);
    return present(row, report, throughFollowUpLink);
  });
}
