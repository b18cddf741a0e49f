import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { PageOf } from './page';

/** One entry of an audit log, as the viewers receive it. */
export interface AuditEntry {
  id: string;
  occurredAt: string;
  actor: { id: string; name: string } | null;
  action: string;
  outcome: 'success' | 'denied';
  scope: { type: string; id: string | null };
  target: { type: string; id: string } | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
  /** Only in the system log. */
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** The filters every viewer takes (and its CSV export). */
export interface AuditFilters {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  outcome?: 'success' | 'denied';
}

export const auditFilterNames = [
  'actor',
  'action',
  'targetType',
  'targetId',
  'from',
  'to',
  'outcome',
] as const;

/** Which log: an event's, an organization's (with its chapters'), or the system's. */
export type AuditScope =
  { type: 'event'; id: string } | { type: 'organization'; id: string } | { type: 'system' };

/** The path of a scope's log. */
export function auditPath(scope: AuditScope) {
  switch (scope.type) {
    case 'event':
      return `/api/events/${encodeURIComponent(scope.id)}/audit`;
    case 'organization':
      return `/api/organizations/${encodeURIComponent(scope.id)}/audit`;
    case 'system':
      return '/api/admin/audit';
  }
}

function filterParams(filters: AuditFilters) {
  const params = new URLSearchParams();
  for (const name of auditFilterNames) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  return params;
}

/** The CSV export of a log, with the same filters (a download link). */
export function auditCsvUrl(scope: AuditScope, filters: AuditFilters) {
  const query = filterParams(filters).toString();
  return `${auditPath(scope)}.csv${query ? `?${query}` : ''}`;
}

const auditKey = ['audit'] as const;

/** One page of a scope's log, newest first. */
export function useAuditLog(
  scope: AuditScope,
  filters: AuditFilters,
  page: number,
  opts: { enabled: boolean },
) {
  const params = filterParams(filters);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...auditKey, auditPath(scope), query],
    queryFn: () => api<PageOf<AuditEntry>>(`${auditPath(scope)}${query ? `?${query}` : ''}`),
    placeholderData: keepPreviousData,
  });
}

/** Refused sign-ins grouped by the address tried (system admins). */
export interface DeniedSignIn {
  email: string;
  attempts: number;
  firstAt: string;
  lastAt: string;
  addresses: number;
  knownAccount: boolean;
}

export function useDeniedSignIns(
  range: { from?: string; to?: string },
  page: number,
  opts: { enabled: boolean },
) {
  const params = new URLSearchParams();
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...auditKey, 'denied-sign-ins', query],
    queryFn: () =>
      api<PageOf<DeniedSignIn>>(`/api/admin/audit/denied-sign-ins${query ? `?${query}` : ''}`),
    placeholderData: keepPreviousData,
  });
}

interface RetentionSetting {
  value: number | null;
  default: number | null;
  minimum: number;
  explanation: string;
}

export interface RetentionSettings {
  auditRetentionDays: RetentionSetting;
  incidentRetentionDays: RetentionSetting;
}

export type RetentionChange = Partial<{
  auditRetentionDays: number | null;
  incidentRetentionDays: number | null;
}>;

export interface PurgeCounts {
  enabled: boolean;
  retentionDays: number | null;
  cutoff: string | null;
}

/** What a purge deleted, or (dry run) would delete. */
export interface PurgeResult {
  dryRun: boolean;
  ranAt: string;
  audit: PurgeCounts & { entries: number };
  incidents: PurgeCounts & {
    events: number;
    reports: number;
    comments: number;
    commentRevisions: number;
    evidence: number;
    evidenceBytes: number;
    history: number;
    accessLog: number;
    assignees: number;
    notifications: number;
  };
}

const retentionKey = ['admin', 'retention'] as const;

/** How long audit entries and archived events' incident data are kept (system admins). */
export function useRetention(opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: retentionKey,
    queryFn: () =>
      api<{ settings: RetentionSettings }>('/api/admin/retention').then((r) => r.settings),
  });
}

export function useSaveRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: RetentionChange) =>
      api<{ settings: RetentionSettings }>('/api/admin/retention', {
        method: 'PATCH',
        body: change,
      }),
    onSuccess: ({ settings }) => queryClient.setQueryData(retentionKey, settings),
  });
}

/** Runs the purge now, or counts what it would delete (dryRun). */
export function usePurge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dryRun: boolean) =>
      api<{ result: PurgeResult }>('/api/admin/retention/purge', {
        method: 'POST',
        body: { dryRun },
      }).then((r) => r.result),
    // The purge writes to the system log (and may delete from every log).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: auditKey }),
  });
}
