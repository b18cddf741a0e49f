import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, upload } from './client';
import type { EventSummary } from './event-summary';
import type { PendingInvitation } from './invitations';
import { approvalsKey } from './approvals';
import { listingsKey } from './listings';
import { myEventsKey } from './my-events';
import { organizationKey } from './organizations';
import type { LocationRef } from './places';
import type { PolicySetting } from '../features/shared/policy-setting';

export interface EventPolicySettings {
  responderScope: PolicySetting<'all' | 'assigned'>;
  respondersCanAssign: PolicySetting<boolean>;
  reportIntake: PolicySetting<'members' | 'signed_in' | 'anonymous'>;
  showTeamPublicly: PolicySetting<boolean>;
}
export type EventPolicyValues = {
  [K in keyof EventPolicySettings]: EventPolicySettings[K]['value'];
};

/**
 * What an email about one of the event's reports may carry: nothing of the report, its title
 * (the default), or its details. Email is not a safe channel.
 */
export type EmailDetail = 'none' | 'title' | 'full';

/** What the caller may do with an event now, in its state; the server checks again. */
export interface EventAbilities {
  update: boolean;
  updateSettings: boolean;
  submit: boolean;
  activate: boolean;
  approve: boolean;
  archive: boolean;
  suspend: boolean;
  reinstate: boolean;
  flagSpam: boolean;
  clearSpam: boolean;
  delete: boolean;
  viewTeam: boolean;
  inviteFirstAdmin: boolean;
  report: boolean;
  /** The event's report queue is open to the caller (the response team). */
  listReports: boolean;
  exportReports: boolean;
  /** The event's audit log is open to the caller (event admins). */
  viewAudit?: boolean;
  /** The attendee list and messages to attendees (community events). */
  viewAttendees?: boolean;
  assignCheckiners?: boolean;
  /** The check-in pages at the door. */
  checkIn?: boolean;
  /** The caller may RSVP now. */
  rsvp?: boolean;
}

/** An event with its settings, as `GET /api/events/:eventId` describes it. */
export interface EventDetails extends EventSummary {
  description: string;
  timeZone: string;
  website: string | null;
  contactEmail: string | null;
  /** Markdown, as written. */
  codeOfConduct: string;
  /** The code of conduct rendered and sanitized by the server. */
  codeOfConductHtml: string;
  reportTypes: string[];
  logoUrl: string | null;
  publishedAt: string | null;
  createdAt: string;
  settings: EventPolicySettings;
  /** An event_admin has been named. */
  hasTeam: boolean;
  /** Reports exist, so the slug can no longer change. */
  slugLocked: boolean;
  adminInvitation: PendingInvitation | null;
  /** What an email about a report of this event may carry (absent means the default, 'title'). */
  emailDetail?: EmailDetail;
  /** Where the event takes place (an archived location stays where it was set). */
  location: LocationRef | null;
  /** Confirmed places for attendees and for volunteers; null: no limit. */
  attendeeCapacity: number | null;
  volunteerCapacity: number | null;
  /** The event takes RSVPs (while it is active). */
  rsvpOpen: boolean;
  can: EventAbilities;
}

/** The fields of `PATCH /api/events/:eventId`; each part needs its own permission. */
export interface EventChange {
  name?: string;
  slug?: string;
  description?: string;
  startsOn?: string | null;
  endsOn?: string | null;
  timeZone?: string;
  website?: string | null;
  contactEmail?: string | null;
  codeOfConduct?: string;
  reportTypes?: string[];
  settings?: Partial<EventPolicyValues>;
  emailDetail?: EmailDetail;
  /** A location that is not archived (or the one already set); null: none. */
  locationId?: string | null;
  attendeeCapacity?: number | null;
  volunteerCapacity?: number | null;
  rsvpOpen?: boolean;
}

export interface NewEvent {
  name: string;
  slug: string;
  description: string;
  chapterId: string | null;
  /** System admins only: invite the first event_admin. */
  firstAdminEmail?: string;
  message?: string;
}

/** An event's public page, as anyone (signed out too) sees it. */
export interface PublicEvent {
  name: string;
  slug: string;
  description: string;
  startsOn: string | null;
  endsOn: string | null;
  timeZone: string;
  website: string | null;
  contactEmail: string | null;
  codeOfConductHtml: string;
  logoUrl: string | null;
  /** Where the event takes place: basic details only. */
  location: LocationRef | null;
  /** Its iCalendar feed (.ics), while it is public and has dates or sessions. */
  calendarUrl: string | null;
  organization: { name: string; logoUrl: string | null };
  /** The CoC team's names, where the event shows them. */
  team: { name: string; role: string }[] | null;
  /** Not public yet: shown only to people who may see the unpublished event. */
  preview: boolean;
  eventId: string;
  /** The caller may submit a report here now. */
  canReport: boolean;
  /** Who may report: event members, anyone signed in, or also people without an account. */
  reportIntake: 'members' | 'signed_in' | 'anonymous';
  reportTypes: string[];
}

/** The lifecycle verbs (SPEC §8), each a POST with an optional reason. */
export type EventTransition =
  | 'submit'
  | 'activate'
  | 'approve'
  | 'archive'
  | 'suspend'
  | 'reinstate'
  | 'flag-spam'
  | 'clear-spam';

const eventsKey = ['events'] as const;
export const eventKey = (eventId: string) => ['events', 'one', eventId] as const;
export const publicEventsKey = ['public-event'] as const;
const publicEventKey = (slug: string) => [...publicEventsKey, slug] as const;
const eventPath = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}`;

/** An event, with its settings and what the caller may do with it. */
export function useEvent(eventId: string, opts: { enabled: boolean } = { enabled: true }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: eventKey(eventId),
    queryFn: () => api<{ event: EventDetails }>(eventPath(eventId)).then((r) => r.event),
  });
}

/** An event's public page (404 unless it is public, or the caller may preview it). */
export function usePublicEvent(slug: string) {
  return useQuery({
    queryKey: publicEventKey(slug),
    queryFn: () =>
      api<{ event: PublicEvent }>(`/api/public/events/${encodeURIComponent(slug)}`).then(
        (r) => r.event,
      ),
  });
}

/**
 * After a change: the event as the server answered, and every list or page that may show it
 * asked again (its organization's lists, the switcher, the approval queue, the public page and
 * the public listing).
 */
async function changed(queryClient: QueryClient, event: Pick<EventDetails, 'id' | 'organization'>) {
  await Promise.all([
    queryClient.invalidateQueries({
      queryKey: eventsKey,
      predicate: (q) => q.queryKey[1] !== 'one' || q.queryKey[2] !== event.id,
    }),
    queryClient.invalidateQueries({ queryKey: organizationKey(event.organization.id) }),
    queryClient.invalidateQueries({ queryKey: myEventsKey }),
    queryClient.invalidateQueries({ queryKey: approvalsKey }),
    queryClient.invalidateQueries({ queryKey: publicEventsKey }),
    queryClient.invalidateQueries({ queryKey: listingsKey }),
  ]);
}

const saved = (queryClient: QueryClient) => async (event: EventDetails) => {
  queryClient.setQueryData(eventKey(event.id), event);
  await changed(queryClient, event);
};

/** Creates an event in an organization (or one of its chapters). */
export function useCreateEvent(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewEvent) =>
      api<{ event: EventDetails }>(`/api/organizations/${encodeURIComponent(orgId)}/events`, {
        method: 'POST',
        body,
      }).then((r) => r.event),
    onSuccess: saved(queryClient),
  });
}

/**
 * Saves one part of an event (details or settings): only the fields given. `alsoChanged` asks
 * again for what else the part changes (the logistics: RSVPs, attendees, check-in).
 */
export function useUpdateEvent(
  eventId: string,
  opts: { alsoChanged?: (queryClient: QueryClient) => Promise<unknown> } = {},
) {
  const queryClient = useQueryClient();
  const onSaved = saved(queryClient);
  return useMutation({
    mutationFn: (change: EventChange) =>
      api<{ event: EventDetails }>(eventPath(eventId), { method: 'PATCH', body: change }).then(
        (r) => r.event,
      ),
    onSuccess: (event) => Promise.all([onSaved(event), opts.alsoChanged?.(queryClient)]),
  });
}

/** Moves an event through its lifecycle; a wrong state answers 409 invalid_state. */
export function useEventTransition(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ transition, reason }: { transition: EventTransition; reason: string }) =>
      api<{ event: EventDetails }>(`${eventPath(eventId)}/${transition}`, {
        method: 'POST',
        body: { reason: reason.trim() || null },
      }).then((r) => r.event),
    onSuccess: saved(queryClient),
  });
}

/** Deletes an event that holds no incident data. */
export function useDeleteEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ event, reason }: { event: EventDetails; reason: string }) =>
      api<void>(eventPath(event.id), {
        method: 'DELETE',
        body: { reason: reason.trim() || null },
      }),
    onSuccess: async (_answer, { event }) => {
      queryClient.removeQueries({ queryKey: eventKey(event.id) });
      await changed(queryClient, event);
    },
  });
}

/** Invites the first event_admin of an event with no team (replacing a waiting invitation). */
export function useInviteFirstEventAdmin(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; message?: string }) =>
      api<{ event: EventDetails }>(`${eventPath(eventId)}/admin-invitation`, {
        method: 'POST',
        body,
      }).then((r) => r.event),
    onSuccess: saved(queryClient),
  });
}

/** Sets an event's logo (the image itself as the body) or removes it. */
export function useEventLogo(eventId: string) {
  const queryClient = useQueryClient();
  const onSuccess = saved(queryClient);
  const save = useMutation({
    mutationFn: (file: File) =>
      upload<{ event: EventDetails }>(`${eventPath(eventId)}/logo`, file).then((r) => r.event),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: () =>
      api<{ event: EventDetails }>(`${eventPath(eventId)}/logo`, { method: 'DELETE' }).then(
        (r) => r.event,
      ),
    onSuccess,
  });
  return { save, remove };
}
