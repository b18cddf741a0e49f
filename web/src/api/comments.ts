import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api } from './client';
import type { PageOf } from './page';
import type { Comment, CommentRevision } from './report-types';
import { reportKey } from './report-detail';

// A report's comments: read oldest first, a page at a time, and what can be done with each.

export const COMMENT_PAGE_SIZE = 50;

const commentsKey = (reportId: string) => [...reportKey(reportId), 'comments'] as const;
const commentPath = (commentId: string) => `/api/comments/${encodeURIComponent(commentId)}`;

/** The comments the caller may see, oldest first; more pages are added below on request. */
export function useComments(reportId: string, opts: { enabled: boolean }) {
  return useInfiniteQuery({
    enabled: opts.enabled,
    queryKey: commentsKey(reportId),
    initialPageParam: 1,
    queryFn: ({ pageParam }) =>
      api<PageOf<Comment>>(
        `/api/reports/${encodeURIComponent(reportId)}/comments?page=${pageParam}&pageSize=${COMMENT_PAGE_SIZE}`,
      ),
    getNextPageParam: (last) =>
      last.page * last.pageSize < last.total ? last.page + 1 : undefined,
  });
}

const commentsChanged = (queryClient: QueryClient, reportId: string) =>
  queryClient.invalidateQueries({ queryKey: commentsKey(reportId) });

export type CommentVisibility = Comment['visibility'];

export function useAddComment(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: { body: string; visibility: CommentVisibility }) =>
      api<{ comment: Comment }>(`/api/reports/${encodeURIComponent(reportId)}/comments`, {
        method: 'POST',
        body: vars,
      }).then((r) => r.comment),
    onSuccess: () => commentsChanged(queryClient, reportId),
  });
}

/** Edits one's own comment; the earlier wording stays as a revision. */
export function useEditComment(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) =>
      api<{ comment: Comment }>(commentPath(id), { method: 'PATCH', body: { body } }).then(
        (r) => r.comment,
      ),
    onSuccess: (comment) =>
      Promise.all([
        commentsChanged(queryClient, reportId),
        queryClient.invalidateQueries({ queryKey: ['comment-revisions', comment.id] }),
      ]),
  });
}

/** Deletes a comment (event admins): a tombstone stays. */
export function useDeleteComment(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<void>(commentPath(id), { method: 'DELETE', body: { reason: reason.trim() || null } }),
    onSuccess: () => commentsChanged(queryClient, reportId),
  });
}

/** Shares an internal comment with the reporter: from now on they see it. */
export function useShareComment(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ comment: Comment }>(`${commentPath(id)}/share`, { method: 'POST' }).then(
        (r) => r.comment,
      ),
    onSuccess: () => commentsChanged(queryClient, reportId),
  });
}

/** A comment's earlier wordings, oldest first. */
export function useCommentRevisions(commentId: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: ['comment-revisions', commentId],
    queryFn: () => api<{ items: CommentRevision[] }>(`${commentPath(commentId)}/revisions`),
  });
}
