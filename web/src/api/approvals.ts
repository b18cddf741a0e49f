import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { EventSummary } from './event-summary';
import type { PageOf } from './page';
import { myEventsKey } from './my-events';
import { organizationKey } from './organizations';

export const approvalsKey = ['approvals'] as const;

/** One page of the events waiting for approval that the caller may publish, oldest first. */
export function useApprovalQueue(page: number, opts: { enabled: boolean; pageSize?: number }) {
  const size = opts.pageSize ? `&pageSize=${opts.pageSize}` : '';
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...approvalsKey, page, opts.pageSize ?? null],
    queryFn: () => api<PageOf<EventSummary>>(`/api/events/approvals?page=${page}${size}`),
    placeholderData: keepPreviousData,
  });
}

/** Approves (publishes) an event waiting for approval. */
export function useApproveEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ event, reason }: { event: EventSummary; reason: string }) =>
      api<{ event: unknown }>(`/api/events/${encodeURIComponent(event.id)}/approve`, {
        method: 'POST',
        body: { reason: reason.trim() || null },
      }),
    onSuccess: async (_answer, { event }) => {
      // The event leaves the queue at once; the lists it appears in are read again.
      queryClient.setQueriesData<PageOf<EventSummary>>({ queryKey: approvalsKey }, (old) =>
        old && old.items.some((e) => e.id === event.id)
          ? { ...old, items: old.items.filter((e) => e.id !== event.id), total: old.total - 1 }
          : old,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: approvalsKey }),
        queryClient.invalidateQueries({ queryKey: myEventsKey }),
        queryClient.invalidateQueries({ queryKey: organizationKey(event.organization.id) }),
        queryClient.invalidateQueries({ queryKey: ['events'] }),
      ]);
    },
    // Approved by someone else meanwhile, or gone: the queue as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: approvalsKey }),
  });
}

/**
 * Whether the menu shows Approvals: to system admins and publishers always, and to anyone else
 * whose queue holds an event (a leader or org admin with proposals to approve).
 */
export function useApprovalsInMenu(user: { systemRoles: string[] } | null | undefined) {
  const byRole = user?.systemRoles.some((r) => r === 'system_admin' || r === 'publisher') ?? false;
  const queue = useApprovalQueue(1, { enabled: Boolean(user) && !byRole, pageSize: 1 });
  return byRole || (queue.data?.total ?? 0) > 0;
}
