import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { attendanceChanged } from './attendance';
import { api } from './client';
import type { LocationRef } from './places';

/** A part of an event with its own times (a talk track, a workshop, the set-up shift). */
export interface EventSession {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
  /** Null: held at the event's own location. */
  location: LocationRef | null;
  /** Chosen for every attendee. */
  requiredForAttendees: boolean;
  /** Only volunteers may choose it. */
  volunteersOnly: boolean;
}

/** What creating or changing a session sends (a change sends only what changed). */
export interface SessionInput {
  name: string;
  startsAt: string;
  endsAt: string;
  locationId: string | null;
  requiredForAttendees: boolean;
  volunteersOnly: boolean;
}

export const sessionsKey = (eventId: string) => ['event-sessions', eventId] as const;
const sessionsPath = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}/sessions`;
const sessionPath = (eventId: string, sessionId: string) =>
  `${sessionsPath(eventId)}/${encodeURIComponent(sessionId)}`;

/** An event's sessions, by start time. */
export function useSessions(eventId: string, opts: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: opts.enabled ?? true,
    queryKey: sessionsKey(eventId),
    queryFn: () => api<{ sessions: EventSession[] }>(sessionsPath(eventId)).then((r) => r.sessions),
  });
}

/**
 * After any change the list is read again (the server keeps it in time order), and what the
 * sessions change of RSVPs: a session made required joins every attendee's, one made volunteers
 * only leaves theirs, a deleted one leaves everyone's; the door's sessions and counts change too.
 */
function useSessionsChanged(eventId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: sessionsKey(eventId) }),
      attendanceChanged(queryClient, eventId),
    ]);
}

/** Adds a session to an event. */
export function useCreateSession(eventId: string) {
  const changed = useSessionsChanged(eventId);
  return useMutation({
    mutationFn: (body: SessionInput) =>
      api<{ session: EventSession }>(sessionsPath(eventId), { method: 'POST', body }).then(
        (r) => r.session,
      ),
    onSuccess: changed,
  });
}

/** Changes a session: only the fields given. */
export function useUpdateSession(eventId: string) {
  const changed = useSessionsChanged(eventId);
  return useMutation({
    mutationFn: ({ sessionId, change }: { sessionId: string; change: Partial<SessionInput> }) =>
      api<{ session: EventSession }>(sessionPath(eventId, sessionId), {
        method: 'PATCH',
        body: change,
      }).then((r) => r.session),
    onSuccess: changed,
  });
}

/** Removes a session nobody has checked in to. */
export function useDeleteSession(eventId: string) {
  const changed = useSessionsChanged(eventId);
  return useMutation({
    mutationFn: ({ sessionId, reason }: { sessionId: string; reason: string }) =>
      api<void>(sessionPath(eventId, sessionId), {
        method: 'DELETE',
        body: { reason: reason.trim() || null },
      }),
    onSuccess: changed,
  });
}
