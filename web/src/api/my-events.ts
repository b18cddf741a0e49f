import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { EventSummary } from './event-summary';

/** Every event the caller holds a role in, grouped by organization. */
export interface MyEvents {
  organizations: { id: string; name: string; events: EventSummary[] }[];
  /** More events match than are listed: search to narrow. */
  truncated: boolean;
}

export const myEventsKey = ['my-events'] as const;

/** The events the caller holds a role in, explicit or inherited (the event switcher, home). */
export function useMyEvents(q: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...myEventsKey, q],
    queryFn: () =>
      api<MyEvents>(q ? `/api/me/events?q=${encodeURIComponent(q)}` : '/api/me/events'),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
