import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import { publicEventsKey } from './events';
import { listingsKey } from './listings';
import type { LocationRef } from './places';

export type RsvpKind = 'attendee' | 'volunteer';

/** The caller's own RSVP to an event (a cancelled one is no RSVP: null). */
export interface MyRsvp {
  id: string;
  kind: RsvpKind;
  status: 'confirmed' | 'waitlisted';
  /** 1 for the next in line; null while confirmed. */
  waitlistPosition: number | null;
  sessionIds: string[];
  /** The organizers may see the owner's email address. */
  shareEmail: boolean;
  createdAt: string;
}

/** Places of one kind: null capacity means no limit. */
export interface KindCounts {
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
}

/** How full an event is, and whether the caller may RSVP now (`open`). */
export interface RsvpSummary {
  open: boolean;
  attendee: KindCounts;
  volunteer: KindCounts;
}

export interface RsvpState {
  rsvp: MyRsvp | null;
  summary: RsvpSummary;
}

/** What `PUT /api/events/:eventId/rsvp` takes: a new RSVP, or a change of one. */
export interface RsvpChoice {
  kind: RsvpKind;
  sessionIds: string[];
  shareEmail: boolean;
}

/** An RSVP in "My RSVPs", with the event it is for. */
export interface MyRsvpItem extends MyRsvp {
  event: {
    id: string;
    name: string;
    slug: string;
    startsOn: string | null;
    endsOn: string | null;
    timeZone: string;
    location: LocationRef | null;
  };
}

/** What the emailed cancellation link shows before it is used. */
export interface RsvpCancellation {
  event: { name: string; slug: string; startsOn: string | null };
  kind: RsvpKind;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
}

export const rsvpsKey = ['rsvps'] as const;
const rsvpKey = (eventId: string) => [...rsvpsKey, 'event', eventId] as const;
const myRsvpsKey = [...rsvpsKey, 'mine'] as const;
const rsvpPath = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}/rsvp`;
// The link's token goes in request bodies, never in a URL that proxies and access logs keep.
const cancellationPath = '/api/rsvp-cancellations';

/** The caller's RSVP to an event and how full it is (signed-in people only). */
export function useRsvp(eventId: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: rsvpKey(eventId),
    queryFn: () => api<RsvpState>(rsvpPath(eventId)),
  });
}

/** The caller's upcoming RSVPs, the soonest first. */
export function useMyRsvps(opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: myRsvpsKey,
    queryFn: () => api<{ items: MyRsvpItem[] }>('/api/me/rsvps').then((r) => r.items),
  });
}

/**
 * After an RSVP changed: every list of RSVPs and places, and the public event pages (an RSVP
 * makes its owner a reporter, so whether they may report there changes with it).
 */
async function rsvpsChanged(queryClient: QueryClient) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: rsvpsKey }),
    queryClient.invalidateQueries({ queryKey: listingsKey }),
    queryClient.invalidateQueries({ queryKey: publicEventsKey }),
  ]);
}

/**
 * RSVPs, or changes the caller's RSVP (kind, sessions, email opt-in). A refusal asks for the RSVP
 * again: what it was refused for (RSVPs closed meanwhile, the RSVP changed elsewhere) shows.
 */
export function useSaveRsvp(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (choice: RsvpChoice) =>
      api<RsvpState>(rsvpPath(eventId), { method: 'PUT', body: choice }),
    onSuccess: async (state) => {
      queryClient.setQueryData(rsvpKey(eventId), state);
      await rsvpsChanged(queryClient);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: rsvpKey(eventId) }),
  });
}

/** Cancels the caller's RSVP; the next person on the waitlist gets the place. */
export function useCancelRsvp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (eventId: string) =>
      api<RsvpState>(rsvpPath(eventId), { method: 'DELETE' }).then((state) => ({
        eventId,
        state,
      })),
    onSuccess: async ({ eventId, state }) => {
      queryClient.setQueryData(rsvpKey(eventId), state);
      await rsvpsChanged(queryClient);
    },
  });
}

/** What the emailed cancellation link is for (404 when the link is unknown). */
export function useRsvpCancellation(token: string | null) {
  return useQuery({
    enabled: Boolean(token),
    // Not under rsvpsKey: once cancelled, the link may answer 404, and the page shows the result
    // of the cancellation rather than asking again.
    queryKey: ['rsvp-cancellation', token ?? ''],
    queryFn: () =>
      api<RsvpCancellation>(`${cancellationPath}/preview`, { method: 'POST', body: { token } }),
    staleTime: Infinity,
  });
}

/** Cancels through the emailed link (a second use answers the same). */
export function useCancelByLink(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ event: { name: string; slug: string } }>(cancellationPath, {
        method: 'POST',
        body: { token },
      }),
    onSuccess: () => rsvpsChanged(queryClient),
  });
}
