import { z } from 'zod';
import { errorResponses, instant, reasonBody } from '../../http/schemas.js';
import { followUpHeaders, reportParams } from '../reports/schema.js';

// The HTTP contract of a report's comments (SPEC §4, "Reports (conduct)"). Internal comments are
// the team's; external ones are also the author's (and the anonymous reporter's, through the
// follow-up link). Nothing here tells a caller that a comment they may not see exists.

const security = [{ session: [] }];
const tags = ['comments'];

export const commentParams = z.object({ commentId: z.string().min(1).max(100) });

export const commentVisibilities = ['internal', 'external'] as const;
export const commentVisibility = z.enum(commentVisibilities);

const commentBody = z
  .string()
  .trim()
  .min(1, 'Write something')
  .max(20_000, 'Use at most 20,000 characters')
  .describe('Markdown');

const person = z.object({ id: z.string(), name: z.string() });

export const comment = z
  .object({
    id: z.string(),
    reportId: z.string(),
    visibility: commentVisibility,
    body: z.string().describe('Markdown; empty once deleted'),
    bodyHtml: z.string().describe('The body rendered and sanitized'),
    writer: person.nullable().describe('Null for the anonymous reporter or a deleted account'),
    byReporter: z
      .boolean()
      .describe("Written by the report's author, or by its anonymous reporter"),
    createdAt: instant,
    editedAt: instant.nullable(),
    shared: z
      .object({ at: instant, by: person.nullable() })
      .nullable()
      .describe('An internal comment shared with the author: when and by whom'),
    deleted: z.boolean().describe('A tombstone, shown to the team only'),
    can: z
      .object({
        edit: z.boolean(),
        delete: z.boolean(),
        share: z.boolean(),
        viewRevisions: z.boolean(),
      })
      .describe(
        'What the caller may do now; the server checks again. All false through the follow-up ' +
          'link, which only reads and replies.',
      ),
  })
  .meta({ id: 'Comment' });

export const commentRevision = z
  .object({
    body: z.string(),
    bodyHtml: z.string(),
    replacedAt: instant.describe('When this wording was replaced by the next'),
  })
  .meta({ id: 'CommentRevision' });

export const commentPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

const commentPage = z.object({
  items: z.array(comment),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('The comments the caller can see'),
});

export const getReportComments = {
  tags,
  summary: "A report's comments that the caller may see, oldest first",
  description:
    'The team (report.comment.internal.view) sees internal and external comments, and deleted ' +
    'ones as tombstones; the author sees external comments only, and no trace of the others.',
  security,
  params: reportParams,
  querystring: commentPageQuery,
  response: { 200: commentPage, ...errorResponses(400, 401, 404) },
};

export const postReportComment = {
  tags,
  summary: 'Comment on a report: external (seen by the author) or internal (the team only)',
  security,
  params: reportParams,
  body: z.object({ body: commentBody, visibility: commentVisibility }).strict(),
  response: { 201: z.object({ comment }), ...errorResponses(400, 401, 403, 404) },
};

export const patchComment = {
  tags,
  summary: 'Edit a comment (its writer only); the earlier wording is kept as a revision',
  security,
  params: commentParams,
  body: z.object({ body: commentBody }).strict(),
  response: { 200: z.object({ comment }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const getCommentRevisions = {
  tags,
  summary: "A comment's earlier wordings, oldest first",
  security,
  params: commentParams,
  response: {
    200: z.object({ items: z.array(commentRevision) }),
    ...errorResponses(400, 401, 404),
  },
};

export const deleteComment = {
  tags,
  summary: 'Delete a comment (event admins): its text and revisions are erased, a tombstone stays',
  description:
    'The audit entry keeps who wrote it, its visibility and the reason, never the text. ' +
    'Deleting a deleted comment answers 409 invalid_state.',
  security,
  params: commentParams,
  body: reasonBody,
  response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
};

export const postCommentShare = {
  tags,
  summary: 'Share an internal comment with the author: it becomes external',
  description:
    'Only the team may share (403 otherwise). A comment that is already external (shared or ' +
    'written so) or deleted answers 409 invalid_state.',
  security,
  params: commentParams,
  response: { 200: z.object({ comment }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const getFollowUpComments = {
  tags,
  summary: "An anonymous report's external comments, through its follow-up token, oldest first",
  headers: followUpHeaders,
  querystring: commentPageQuery,
  response: { 200: commentPage, ...errorResponses(400, 404, 429) },
};

export const postFollowUpComment = {
  tags,
  summary: 'Reply to the team as the anonymous reporter, through the follow-up token',
  headers: followUpHeaders,
  body: z.object({ body: commentBody }).strict(),
  response: { 201: z.object({ comment }), ...errorResponses(400, 403, 404, 429) },
};
