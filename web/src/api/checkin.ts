import {
  keepPreviousData,
  useIsMutating,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { RsvpStatus } from './attendees';
import type { RsvpKind } from './rsvps';
import { api, ApiError } from './client';

/**
 * How often the door asks again (SPEC §11, docs/community-events.md): two doors see each other's
 * check-ins within seconds, without a live connection.
 */
export const CHECKIN_POLL_MS = 3_000;

/** Of a session (or the event itself): confirmed people expected, and people checked in. */
export interface CheckinCounts {
  expected: number;
  checkedIn: number;
}

/** A session to check people in to; id null is the event itself, when it has no sessions. */
export interface CheckinSession {
  id: string | null;
  name: string;
  /** Null for the event itself, as `endsAt`. */
  startsAt: string | null;
  endsAt: string | null;
  counts: CheckinCounts;
}

export interface CheckinOverview {
  /** `timeZone`: the door says times on the event's clock, not the phone's. */
  event: { id: string; name: string; slug: string; timeZone: string };
  sessions: CheckinSession[];
}

/** Someone at the door: their name, kind and place, never an address or an account id. */
export interface CheckinPerson {
  rsvpId: string;
  name: string;
  kind: RsvpKind;
  /** Waitlisted people are listed so the door can let them in when there is room. */
  status: RsvpStatus | 'cancelled';
  checkedIn: boolean;
  checkedInAt: string | null;
}

/** The first people matching a search (the server sends at most 100, by name). */
export interface CheckinPeople {
  people: CheckinPerson[];
  /** How many match: more than are listed when the search is too wide. */
  total: number;
  counts: CheckinCounts;
}

const checkinPath = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}/checkin`;

/** Every cached answer of an event's check-in pages. */
export const checkinKey = (eventId: string) => ['checkin', eventId] as const;
const overviewKey = (eventId: string) => [...checkinKey(eventId), 'overview'] as const;
/** The people of one session (every search of it), and the key of its check-in changes. */
const peopleKey = (eventId: string, sessionId: string | null) =>
  [...checkinKey(eventId), 'people', sessionId ?? 'event'] as const;

/**
 * Whether the server closed the door to the caller: 403 (no longer a checkiner, the event
 * archived) or 404 (the event gone, or no longer visible to them). Asking again will not help.
 */
export function doorClosed(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 404);
}

/** Once more for a failure that may pass (the network, the server); never for a refusal (4xx). */
const retryIfPassing = (failures: number, error: unknown) =>
  !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 1;

/**
 * The sessions of an event (or the event itself) with their counts, asked again every few
 * seconds; with `poll: false`, only until it first loads. Never again once the door is closed.
 */
export function useCheckinOverview(eventId: string, opts: { enabled: boolean; poll?: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: overviewKey(eventId),
    queryFn: () => api<CheckinOverview>(checkinPath(eventId)),
    retry: retryIfPassing,
    refetchInterval: (query) =>
      doorClosed(query.state.error) || (opts.poll === false && query.state.data)
        ? false
        : CHECKIN_POLL_MS,
    refetchIntervalInBackground: false,
  });
}

/**
 * The people of a session matching a search, with its counts, asked again every few seconds;
 * not while a check-in of it is on its way, so an older answer does not undo the tap on screen,
 * and never again once the door is closed.
 */
export function useCheckinPeople(
  eventId: string,
  sessionId: string | null,
  q: string,
  opts: { enabled: boolean },
) {
  const key = peopleKey(eventId, sessionId);
  const busy = useIsMutating({ mutationKey: key }) > 0;
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...key, q],
    queryFn: () => {
      const params = new URLSearchParams();
      if (sessionId) params.set('sessionId', sessionId);
      if (q) params.set('q', q);
      const query = params.toString();
      return api<CheckinPeople>(`${checkinPath(eventId)}/people${query ? `?${query}` : ''}`);
    },
    placeholderData: keepPreviousData,
    retry: retryIfPassing,
    refetchInterval: (query) => (busy || doorClosed(query.state.error) ? false : CHECKIN_POLL_MS),
    refetchIntervalInBackground: false,
  });
}

/** A check-in (checkedIn true) or its undo (false) of one person. */
export interface CheckinChange {
  person: CheckinPerson;
  checkedIn: boolean;
}

/** One person shown checked in or not, and the count moved with them (only when it changes). */
function withPerson(
  answer: CheckinPeople,
  rsvpId: string,
  checkedIn: boolean,
  checkedInAt: string | null,
): CheckinPeople {
  const before = answer.people.find((p) => p.rsvpId === rsvpId);
  if (!before || before.checkedIn === checkedIn) return answer;
  return {
    ...answer,
    people: answer.people.map((p) => (p.rsvpId === rsvpId ? { ...p, checkedIn, checkedInAt } : p)),
    counts: { ...answer.counts, checkedIn: answer.counts.checkedIn + (checkedIn ? 1 : -1) },
  };
}

/**
 * Checks someone in, or undoes it. The screen changes at once (every search of the session and
 * its counts); a refusal puts that one person back as they were, and the server's answer sets
 * the counts. The changes of one door are sent one after another (a double tap, or a tap and its
 * quick Undo, would otherwise race, and the server might apply them in either order); while a
 * later one waits, an answer leaves the screen alone, since the later tap already shows. The
 * overview and the session are read again once no other tap is on its way.
 */
export function useToggleCheckin(eventId: string, sessionId: string | null) {
  const queryClient = useQueryClient();
  const key = peopleKey(eventId, sessionId);
  const update = (change: (answer: CheckinPeople) => CheckinPeople) =>
    queryClient.setQueriesData<CheckinPeople>({ queryKey: key }, (old) => old && change(old));
  // This mutation still counts itself while it settles.
  const later = () => queryClient.isMutating({ mutationKey: key }) > 1;
  return useMutation({
    mutationKey: key,
    scope: { id: `checkin:${eventId}:${sessionId ?? 'event'}` },
    mutationFn: ({ person, checkedIn }: CheckinChange) =>
      api<{ person: CheckinPerson; counts: CheckinCounts }>(checkinPath(eventId), {
        method: checkedIn ? 'POST' : 'DELETE',
        body: { rsvpId: person.rsvpId, sessionId },
      }),
    onMutate: async ({ person, checkedIn }) => {
      await queryClient.cancelQueries({ queryKey: key });
      update((old) =>
        withPerson(old, person.rsvpId, checkedIn, checkedIn ? new Date().toISOString() : null),
      );
    },
    onError: (_error, { person }) =>
      update((old) => withPerson(old, person.rsvpId, person.checkedIn, person.checkedInAt)),
    onSuccess: ({ person, counts }) => {
      if (later()) return;
      update((old) => ({
        ...old,
        people: old.people.map((p) => (p.rsvpId === person.rsvpId ? person : p)),
        counts,
      }));
    },
    onSettled: async () => {
      if (later()) return;
      await queryClient.invalidateQueries({ queryKey: checkinKey(eventId) });
    },
  });
}
