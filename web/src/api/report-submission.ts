import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, send, upload } from './client';
import type { PageOf } from './page';
import type { Comment, Evidence, NewReport, OwnReport, SubmittedReport } from './report-types';

// Submitting a report, and the anonymous follow-up link. The link's token travels only in the
// x-follow-up-token header, never in an address the server (or its logs) sees, and is never logged.

/** Submits a report; a retry with the same idempotencyKey answers the report it made (200). */
export function useSubmitReport(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (report: NewReport) =>
      api<SubmittedReport>(`/api/events/${encodeURIComponent(eventId)}/reports`, {
        method: 'POST',
        body: report,
      }),
    // Lists of reports elsewhere (mine, the queue) are asked again when next shown.
    onSuccess: () =>
      queryClient.invalidateQueries({
        predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].includes('report'),
      }),
  });
}

/** Where a report's files go: its own endpoint for its author, the link for an anonymous one. */
export type EvidenceTarget = { reportId: string } | { followUpToken: string };

/** Uploads one file as the request body (the server reads its type from the bytes). */
export async function uploadEvidence(target: EvidenceTarget, file: File): Promise<Evidence> {
  const name = encodeURIComponent(file.name || 'file');
  const contentType = file.type || 'application/octet-stream';
  if ('reportId' in target) {
    const answer = await upload<{ evidence: Evidence }>(
      `/api/reports/${encodeURIComponent(target.reportId)}/evidence?name=${name}`,
      file,
      { method: 'POST', contentType },
    );
    return answer.evidence;
  }
  const answer = await followUpCall<{ evidence: Evidence }>(
    `/api/follow-up/evidence?name=${name}`,
    target.followUpToken,
    { method: 'POST', body: file, contentType },
  );
  return answer.evidence;
}

/** A call with the follow-up token in its header; failures as ApiError, like api(). */
function followUpCall<T>(
  path: string,
  token: string,
  init: { method?: string; body?: BodyInit; contentType?: string } = {},
): Promise<T> {
  return send<T>(path, init.method ?? 'GET', {
    accept: 'application/json',
    contentType: init.contentType,
    body: init.body,
    // The link stands in for an account: no cookies needed, none sent.
    credentials: 'omit',
    cache: 'no-store',
    headers: { 'x-follow-up-token': token },
  });
}

// The token is part of the cache key only in memory, so two links in one tab never mix.
const followUpKey = (token: string) => ['follow-up', token] as const;

/** The report behind a follow-up link (404 when the link opens none). */
export function useFollowUpReport(token: string | null) {
  return useQuery({
    enabled: Boolean(token),
    queryKey: [...followUpKey(token ?? ''), 'report'],
    queryFn: () =>
      followUpCall<{ report: OwnReport }>('/api/follow-up', token!).then((r) => r.report),
  });
}

/** The report's external comments, oldest first, a page at a time. */
export function useFollowUpComments(token: string, page: number, pageSize = 50) {
  return useQuery({
    queryKey: [...followUpKey(token), 'comments', page, pageSize],
    queryFn: () =>
      followUpCall<PageOf<Comment>>(
        `/api/follow-up/comments?page=${page}&pageSize=${pageSize}`,
        token,
      ),
  });
}

/** Replies to the team through the link. */
export function useFollowUpReply(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      followUpCall<{ comment: Comment }>('/api/follow-up/comments', token, {
        method: 'POST',
        body: JSON.stringify({ body }),
        contentType: 'application/json',
      }).then((r) => r.comment),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: [...followUpKey(token), 'comments'] }),
  });
}

/** The report's files, as the link may see them (names and sizes; no downloads). */
export function useFollowUpEvidence(token: string) {
  return useQuery({
    queryKey: [...followUpKey(token), 'evidence'],
    queryFn: () =>
      followUpCall<{ items: Evidence[] }>('/api/follow-up/evidence', token).then((r) => r.items),
  });
}

/** After files were added through the link: its list asked again. */
export function useRefreshFollowUpEvidence(token: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [...followUpKey(token), 'evidence'] });
}
