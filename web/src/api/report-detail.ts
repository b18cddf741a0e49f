import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { PageOf } from './page';
import type {
  AccessLogEntry,
  AnyReport,
  ContactPreference,
  ReportState,
  Severity,
} from './report-types';
import type { PublicEvent } from './events';
import type { TeamPage } from './teams';

// One report as its page uses it: reading it (each read is written to its access log, so the page
// reads it on opening and then keeps what each change answers), changing it, its access log.

const reportPath = (id: string) => `/api/reports/${encodeURIComponent(id)}`;

/** The cached report, and everything cached under it (comments, evidence, access log). */
export const reportKey = (id: string) => ['report', id] as const;

/** Lists that show reports (queues, dashboards, "my reports"), read again after a change. */
const reportListsKey = ['reports'] as const;

/** One report, in the view the server chose for the caller (team or own); 404 when not theirs. */
export function useReport(id: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...reportKey(id), 'report'],
    queryFn: () => api<{ report: AnyReport }>(reportPath(id)).then((r) => r.report),
    // Each read is logged as a view: read on opening the page, never in the background (the
    // app reads nothing again on focus), and after a change the answer itself is kept.
  });
}

/** The fields of `PATCH /api/reports/:id`; the page sends only the one that changed. */
export interface ReportChange {
  title?: string;
  description?: string;
  type?: string;
  incidentAt?: string | null;
  location?: string;
  parties?: string;
  contactPreference?: ContactPreference;
  contactDetails?: string;
  severity?: Severity | null;
  resolution?: string;
  followUp?: boolean;
}

/** A change that answers with the report: the answer replaces the cached one. */
function useReportChange<V>(id: string, send: (vars: V) => Promise<{ report: AnyReport }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async ({ report }) => {
      queryClient.setQueryData([...reportKey(id), 'report'], report);
      await queryClient.invalidateQueries({ queryKey: reportListsKey });
    },
  });
}

export function useUpdateReport(id: string) {
  return useReportChange(id, (change: ReportChange) =>
    api<{ report: AnyReport }>(reportPath(id), { method: 'PATCH', body: change }),
  );
}

/** Moves the report to another state (a note where the move needs one). */
export function useTransition(id: string) {
  return useReportChange(id, ({ to, note }: { to: ReportState; note?: string }) =>
    api<{ report: AnyReport }>(`${reportPath(id)}/transitions`, {
      method: 'POST',
      body: note === undefined ? { to } : { to, note },
    }),
  );
}

export function useAssign(id: string) {
  return useReportChange(id, (userId: string) =>
    api<{ report: AnyReport }>(`${reportPath(id)}/assignees`, {
      method: 'POST',
      body: { userId },
    }),
  );
}

export function useUnassign(id: string) {
  return useReportChange(id, (userId: string) =>
    api<{ report: AnyReport }>(`${reportPath(id)}/assignees/${encodeURIComponent(userId)}`, {
      method: 'DELETE',
    }),
  );
}

/** Deletes the report (event admins) with its reason; `then` leaves the page first. */
export function useDeleteReport(id: string, then: () => void | Promise<void>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<void>(reportPath(id), { method: 'DELETE', body: { reason: reason.trim() } }),
    onSuccess: async () => {
      await then();
      queryClient.removeQueries({ queryKey: reportKey(id) });
      await queryClient.invalidateQueries({ queryKey: reportListsKey });
    },
  });
}

/** Who viewed the report, its evidence, or exported it: newest first (event admins). */
export function useAccessLog(id: string, page: number, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...reportKey(id), 'access-log', page],
    queryFn: () =>
      api<PageOf<AccessLogEntry>>(`${reportPath(id)}/access-log?page=${page}&pageSize=25`),
    placeholderData: keepPreviousData,
  });
}

/** The event's team, to choose assignees from. */
export function useAssignableTeam(eventId: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: ['team', 'event', eventId, 'assignable'],
    queryFn: () => api<TeamPage>(`/api/events/${encodeURIComponent(eventId)}/team?pageSize=100`),
    staleTime: 60_000,
  });
}

/**
 * The event's report types, for changing a report's type: from its public page (shared with the
 * public page's cache), which anyone who may see a report of an active event can read.
 */
export function useReportTypes(slug: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: ['public-event', slug],
    queryFn: () =>
      api<{ event: PublicEvent }>(`/api/public/events/${encodeURIComponent(slug)}`).then(
        (r) => r.event,
      ),
    select: (event) => event.reportTypes,
    retry: false,
  });
}
