import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api } from './client';
import type { PageOf } from './page';
import {
  reportStates,
  severities,
  type QueueFilters,
  type ReportListItem,
  type ReportSort,
  type ReportState,
  type SavedFilter,
} from './report-types';
import { teamKey, type TeamPage } from './teams';

/** The queue's page size (the server's default, said aloud so page links agree with it). */
export const QUEUE_PAGE_SIZE = 25;

export const reportSorts: readonly ReportSort[] = [
  'newest',
  'oldest',
  'updated',
  'severity',
  'number',
];

/** The report states still being handled (the dashboard's "open"). */
export const openStates: readonly ReportState[] = ['submitted', 'acknowledged', 'investigating'];

/** A page of the queue, with how many reports each state holds under the other filters. */
export interface QueuePage extends PageOf<ReportListItem> {
  counts: Record<ReportState, number>;
}

export interface ResponderDashboard {
  events: {
    id: string;
    name: string;
    slug: string;
    organization: { id: string; name: string };
    counts: Record<ReportState, number>;
    /** Open reports with nobody assigned. */
    unassigned: number;
  }[];
  /** Open reports assigned to the caller. */
  assignedToMe: ReportListItem[];
}

export type BulkAction =
  | { kind: 'state'; to: ReportState; note?: string }
  | { kind: 'assign'; userId: string }
  | { kind: 'unassign'; userId: string };

export interface BulkResult {
  id: string;
  ok: boolean;
  error: { code: string; message: string } | null;
}

// The filters in the order they appear in addresses, so one set of filters has one address.
const filterNames = [
  'state',
  'severity',
  'type',
  'assignee',
  'from',
  'to',
  'q',
  'followUp',
  'sort',
] as const;

const listOf = (value: string | null, known: readonly string[]) =>
  (value ?? '')
    .split(',')
    .filter((v, i, all) => known.includes(v) && all.indexOf(v) === i)
    .join(',');

const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');

/**
 * The queue's filters read from an address's query (or a saved filter), keeping only values the
 * server accepts: a mistyped or stale link shows the queue rather than an error.
 */
export function readFilters(params: URLSearchParams): QueueFilters {
  const raw: Record<(typeof filterNames)[number], string> = {
    state: listOf(params.get('state'), reportStates),
    severity: listOf(params.get('severity'), [...severities, 'none']),
    type: (params.get('type') ?? '').trim().slice(0, 40),
    assignee: (params.get('assignee') ?? '').trim().slice(0, 100),
    from: day(params.get('from')),
    to: day(params.get('to')),
    q: (params.get('q') ?? '').trim().slice(0, 200),
    followUp: ['true', 'false'].includes(params.get('followUp') ?? '')
      ? (params.get('followUp') ?? '')
      : '',
    sort: reportSorts.includes(params.get('sort') as ReportSort) ? (params.get('sort') ?? '') : '',
  };
  const filters: Record<string, string> = {};
  for (const name of filterNames) if (raw[name]) filters[name] = raw[name];
  // Newest first is the server's default: left out, so the plain queue has the plain address.
  if (filters.sort === 'newest') delete filters.sort;
  return filters as QueueFilters;
}

/** The filters as query parameters, always in one order (empty ones left out). */
export function filterParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  return params;
}

/** Whether two sets of filters ask for the same reports in the same order. */
export const sameFilters = (a: QueueFilters, b: QueueFilters) =>
  filterParams(readFilters(filterParams(a))).toString() ===
  filterParams(readFilters(filterParams(b))).toString();

const eventPath = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}`;

/** Where the queue of an event is, in the web app, with filters. */
export function queuePath(eventId: string, filters: QueueFilters = {}) {
  const query = filterParams(filters).toString();
  return `/events/${encodeURIComponent(eventId)}/reports${query ? `?${query}` : ''}`;
}

/** The CSV export of the reports these filters select (event admins). */
export function reportsCsvUrl(eventId: string, filters: QueueFilters) {
  const query = filterParams(filters).toString();
  return `${eventPath(eventId)}/reports.csv${query ? `?${query}` : ''}`;
}

/** Every cached list of reports: queues, counts, "my reports", the responder dashboard. */
export const reportListsKey = ['report-lists'] as const;
const queueKey = (eventId: string) => [...reportListsKey, 'queue', eventId] as const;
const savedFiltersKey = (eventId: string) => [...reportListsKey, 'saved', eventId] as const;

/** One page of an event's queue, filtered; counts by state come with it. */
export function useReportQueue(
  eventId: string,
  filters: QueueFilters,
  page: number,
  opts: { enabled: boolean },
) {
  const params = filterParams(filters);
  params.set('page', String(page));
  params.set('pageSize', String(QUEUE_PAGE_SIZE));
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...queueKey(eventId), params.toString()],
    queryFn: () => api<QueuePage>(`${eventPath(eventId)}/reports?${params.toString()}`),
    placeholderData: keepPreviousData,
  });
}

/** How many reports each state holds (one row's worth of the queue, for its counts only). */
export function useReportCounts(eventId: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...queueKey(eventId), 'counts'],
    queryFn: () =>
      api<QueuePage>(`${eventPath(eventId)}/reports?page=1&pageSize=1`).then((r) => r.counts),
    staleTime: 30_000,
  });
}

/**
 * The event's team, for choosing assignees: one page of up to 100 (the server's limit), cached
 * with the team so changes to it show here too.
 */
export function useAssignableTeam(eventId: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...teamKey('event', eventId), 'assignable'],
    queryFn: () => api<TeamPage>(`${eventPath(eventId)}/team?pageSize=100`),
    staleTime: 60_000,
  });
}

/** After reports change: every list of them is read again (and open reports, by the report page). */
export async function reportListsChanged(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: reportListsKey });
}

/** One change applied to several reports; each succeeds or fails on its own. */
export function useBulkReports(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reportIds: string[]; action: BulkAction }) =>
      api<{ results: BulkResult[] }>(`${eventPath(eventId)}/reports/bulk`, {
        method: 'POST',
        body,
      }).then((r) => r.results),
    onSuccess: async (_results, { reportIds }) => {
      await Promise.all([
        reportListsChanged(queryClient),
        // A changed report's own page, if cached, is read again when next shown.
        queryClient.invalidateQueries({
          predicate: (q) => q.queryKey.some((part) => reportIds.includes(part as string)),
        }),
      ]);
    },
  });
}

/** The caller's saved filters for an event's queue. */
export function useSavedFilters(eventId: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: savedFiltersKey(eventId),
    queryFn: () =>
      api<{ items: SavedFilter[] }>(`${eventPath(eventId)}/report-filters`).then((r) => r.items),
  });
}

/** Saves filters under a name (the same name replaces the earlier one). */
export function useSaveFilter(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: QueueFilters }) =>
      api<{ filter: SavedFilter }>(`${eventPath(eventId)}/report-filters`, {
        method: 'POST',
        body,
      }).then((r) => r.filter),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedFiltersKey(eventId) }),
  });
}

/** Forgets a saved filter. */
export function useDeleteFilter(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (filterId: string) =>
      api<void>(`${eventPath(eventId)}/report-filters/${encodeURIComponent(filterId)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedFiltersKey(eventId) }),
  });
}

/** The caller's own reports across events, newest first. */
export function useMyReports(page: number, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...reportListsKey, 'mine', page],
    queryFn: () => api<PageOf<ReportListItem>>(`/api/me/reports?page=${page}&pageSize=25`),
    placeholderData: keepPreviousData,
  });
}

/** The events where the caller responds, with their counts, and the reports assigned to them. */
export function useResponderDashboard(opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...reportListsKey, 'dashboard'],
    queryFn: () => api<ResponderDashboard>('/api/me/responder-dashboard'),
  });
}
