/** The lifecycle states of an event (SPEC §8); suspended and spam are flags beside them. */
export type EventStatus = 'draft' | 'pending_approval' | 'active' | 'archived';
export const eventStatuses: readonly EventStatus[] = [
  'draft',
  'pending_approval',
  'active',
  'archived',
];

export type EventRoleName = 'event_admin' | 'responder' | 'reporter' | 'checkiner';

/** The role the caller holds in an event: in the event itself, or inherited from above. */
export interface MyEventRole {
  role: EventRoleName;
  via: 'event' | 'organization' | 'chapter';
  /** The organization or chapter it is inherited from. */
  from: string | null;
}

/** An event as the lists describe it (EventSummary of the API). */
export interface EventSummary {
  id: string;
  name: string;
  slug: string;
  status: EventStatus;
  suspended: boolean;
  spam: boolean;
  /** A day, YYYY-MM-DD. */
  startsOn: string | null;
  endsOn: string | null;
  organization: { id: string; name: string };
  chapter: { id: string; name: string } | null;
  myRole: MyEventRole | null;
  /** Counts the caller may see; null where they may not. */
  counts: { team: number | null };
}

export type { PageOf } from './page';
