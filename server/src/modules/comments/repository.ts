import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.js';
import { preparedStatement } from '../../db/prepared.js';
import { isUuid } from '../../db/inputs.js';
import { commentRevisions, comments, reports, users } from '../../db/schema/index.js';

// The SQL of comments. Which comments a caller may see is decided by the engine once per report
// (the team's view or the author's); these queries apply that answer in the WHERE, so a page and
// its total never count what the caller may not see.

const writers = alias(users, 'comment_writer');
const sharers = alias(users, 'comment_sharer');

const commentColumns = {
  comment: comments,
  // A deleted account keeps its row with its data erased: it is nobody's name any more.
  writerName: sql<string | null>`case when ${writers.deletedAt} is null then ${writers.name} end`,
  sharerName: sql<string | null>`case when ${sharers.deletedAt} is null then ${sharers.name} end`,
};

export type CommentRow = {
  comment: typeof comments.$inferSelect;
  writerName: string | null;
  sharerName: string | null;
};

function selectComments(tx: Executor) {
  return tx
    .select(commentColumns)
    .from(comments)
    .leftJoin(writers, eq(writers.id, comments.writerId))
    .leftJoin(sharers, eq(sharers.id, comments.sharedBy));
}

/** One comment, deleted or not; null when there is none. */
export async function findComment(tx: Executor, id: string): Promise<CommentRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await selectComments(tx).where(eq(comments.id, id));
  return row ?? null;
}

/** Holds a comment's row until the transaction ends, so two changes to it run one by one. */
export async function lockComment(tx: Executor, id: string) {
  if (!isUuid(id)) return;
  await tx.select({ id: comments.id }).from(comments).where(eq(comments.id, id)).for('update');
}

export interface CommentView {
  /** Internal comments too (report.comment.internal.view). */
  internal: boolean;
  /** Deleted comments as tombstones (the team's view). */
  tombstones: boolean;
}

/** One page of a report's comments that this view shows, oldest first, and how many it shows. */
export async function listComments(
  tx: Executor,
  reportId: string,
  view: CommentView,
  page: { page: number; pageSize: number },
) {
  const where: SQL = and(
    eq(comments.reportId, reportId),
    view.internal ? undefined : eq(comments.visibility, 'external'),
    view.tombstones ? undefined : isNull(comments.deletedAt),
  )!;
  const [items, [total]] = await Promise.all([
    selectComments(tx)
      .where(where)
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    tx.select({ n: count() }).from(comments).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/**
 * A new comment, as findComment() would read it back: `writerName` is the writer's, who is
 * signed in and writing it (so their account is not deleted); a new comment is nobody's share.
 */
export async function insertComment(
  tx: Executor,
  values: {
    reportId: string;
    writerId: string | null;
    byAnonymousReporter: boolean;
    visibility: 'internal' | 'external';
    body: string;
  },
  writerName: string | null,
): Promise<CommentRow> {
  const [row] = await insertCommentRow(tx).execute(values);
  return { comment: row!, writerName, sharerName: null };
}

// Writing a comment is the most frequent change: its insert, and the report's touch below, are
// built once.
const insertCommentRow = preparedStatement((db) =>
  db
    .insert(comments)
    .values({
      reportId: sql.placeholder('reportId'),
      writerId: sql.placeholder('writerId'),
      byAnonymousReporter: sql.placeholder('byAnonymousReporter'),
      visibility: sql.placeholder('visibility'),
      body: sql.placeholder('body'),
    } as unknown as typeof comments.$inferInsert)
    .returning()
    .prepare('comment_insert'),
);

/** A new wording: the old one becomes a revision, replaced now. */
export async function replaceBody(tx: Executor, id: string, oldBody: string, body: string) {
  const now = new Date();
  await tx.insert(commentRevisions).values({ commentId: id, body: oldBody, replacedAt: now });
  await tx.update(comments).set({ body, editedAt: now }).where(eq(comments.id, id));
}

export async function countRevisions(tx: Executor, id: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(commentRevisions)
    .where(eq(commentRevisions.commentId, id));
  return row?.n ?? 0;
}

/** A comment's earlier wordings, oldest first. */
export function listRevisions(tx: Executor, id: string) {
  return tx
    .select({ body: commentRevisions.body, replacedAt: commentRevisions.replacedAt })
    .from(commentRevisions)
    .where(eq(commentRevisions.commentId, id))
    .orderBy(asc(commentRevisions.replacedAt), asc(commentRevisions.id));
}

/** Soft deletion: the text and every earlier wording erased, the row kept as a tombstone. */
export async function eraseComment(tx: Executor, id: string, by: string) {
  await tx.delete(commentRevisions).where(eq(commentRevisions.commentId, id));
  await tx
    .update(comments)
    .set({ body: '', deletedAt: new Date(), deletedBy: by })
    .where(eq(comments.id, id));
}

/** An internal comment made visible to the author. */
export async function shareComment(tx: Executor, id: string, by: string) {
  await tx
    .update(comments)
    .set({ visibility: 'external', sharedAt: new Date(), sharedBy: by })
    .where(and(eq(comments.id, id), eq(comments.visibility, 'internal')));
}

const touchReportRow = preparedStatement((db) =>
  db
    .update(reports)
    .set({ updatedAt: sql`now()` })
    .where(eq(reports.id, sql.placeholder('reportId')))
    .prepare('report_touch'),
);

/** A comment is activity on its report: the queue sorts by it. */
export async function touchReport(tx: Executor, reportId: string) {
  await touchReportRow(tx).execute({ reportId });
}
