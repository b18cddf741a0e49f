import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api } from './client';
import type { PageOf } from './page';
import type { RsvpKind, RsvpSummary } from './rsvps';
import { teamKey } from './teams';

/** A live RSVP's place: in (confirmed) or in the queue (waitlisted). */
export type RsvpStatus = 'confirmed' | 'waitlisted';

/** Someone who RSVP'd, as the organizers see them. */
export interface Attendee {
  rsvpId: string;
  userId: string;
  name: string;
  image: string | null;
  /** Only when they chose to share it with the organizers. */
  email: string | null;
  kind: RsvpKind;
  /** The list holds live RSVPs; a checkiner change answers whatever the status is. */
  status: RsvpStatus | 'cancelled';
  /** 1 for the next to get a place; null when confirmed. */
  waitlistPosition: number | null;
  sessionIds: string[];
  /** The sessions they were checked in to; null when the event has no sessions. */
  checkedInSessionIds: string[] | null;
  /** Checked in to the event itself (no sessions), or to at least one session. */
  checkedIn: boolean;
  /** They may check people in at the door. */
  checkiner: boolean;
  createdAt: string;
}

/** One page of an event's attendees, with the counts of every RSVP (whatever the filter). */
export interface AttendeesPage extends PageOf<Attendee> {
  summary: RsvpSummary;
}

export interface AttendeeFilter {
  kind: RsvpKind | null;
  status: RsvpStatus | null;
  q: string;
  page: number;
}

/** Who a message goes to: every live RSVP, the confirmed of one kind, or the waitlist. */
export type MessageAudience = 'everyone' | 'attendees' | 'volunteers' | 'waitlisted';

/** A message the organizers sent through Steward. */
export interface EventMessage {
  id: string;
  audience: MessageAudience;
  subject: string;
  body: string;
  recipientCount: number;
  sentBy: { name: string } | null;
  sentAt: string;
}

export interface NewMessage {
  audience: MessageAudience;
  subject: string;
  body: string;
}

/** How many people a message to an audience reaches now, from the event's counts. */
export function audienceSize(summary: RsvpSummary, audience: MessageAudience): number {
  const { attendee, volunteer } = summary;
  switch (audience) {
    case 'everyone':
      return attendee.confirmed + attendee.waitlisted + volunteer.confirmed + volunteer.waitlisted;
    case 'attendees':
      return attendee.confirmed;
    case 'volunteers':
      return volunteer.confirmed;
    case 'waitlisted':
      return attendee.waitlisted + volunteer.waitlisted;
  }
}

const eventPath = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}`;

/** Every cached answer about an event's attendees (the list, the messages). */
export const attendeesKey = (eventId: string) => ['attendees', eventId] as const;

const search = (filter: AttendeeFilter) => {
  const params = new URLSearchParams({ page: String(filter.page) });
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.status) params.set('status', filter.status);
  if (filter.q) params.set('q', filter.q);
  return params.toString();
};

/** One page of an event's attendees, filtered by kind and status and searched by name. */
export function useAttendees(eventId: string, filter: AttendeeFilter, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...attendeesKey(eventId), 'list', filter],
    queryFn: () => api<AttendeesPage>(`${eventPath(eventId)}/attendees?${search(filter)}`),
    placeholderData: keepPreviousData,
  });
}

const withReason = (reason: string) => (reason.trim() ? { reason: reason.trim() } : {});

const listChanged = (queryClient: QueryClient, eventId: string) =>
  queryClient.invalidateQueries({ queryKey: [...attendeesKey(eventId), 'list'] });

/**
 * Makes someone with an RSVP a checkiner of the event, or ends it; the list is read again (the
 * event's team too, where the role shows).
 */
export function useSetCheckiner(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      userId,
      checkiner,
      reason,
    }: {
      userId: string;
      checkiner: boolean;
      reason: string;
    }) =>
      api<{ attendee: Attendee }>(
        `${eventPath(eventId)}/checkiners/${encodeURIComponent(userId)}`,
        {
          method: checkiner ? 'PUT' : 'DELETE',
          body: withReason(reason),
        },
      ).then((r) => r.attendee),
    onSuccess: () =>
      Promise.all([
        listChanged(queryClient, eventId),
        queryClient.invalidateQueries({ queryKey: teamKey('event', eventId) }),
      ]),
  });
}

/** The messages sent to an event's attendees, newest first. */
export function useEventMessages(eventId: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...attendeesKey(eventId), 'messages'],
    queryFn: () =>
      api<{ items: EventMessage[] }>(`${eventPath(eventId)}/messages`).then((r) => r.items),
  });
}

/** Sends a message to an audience: one email each, through the outbox. */
export function useSendMessage(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: NewMessage) =>
      api<{ message: EventMessage }>(`${eventPath(eventId)}/messages`, {
        method: 'POST',
        body: message,
      }).then((r) => r.message),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: [...attendeesKey(eventId), 'messages'] }),
  });
}
