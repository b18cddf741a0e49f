import type { Role } from './roles.js';
import type { Scope } from './scopes.js';
import type { EventSettings, OrganizationSettings } from './settings.js';

// Facts are plain objects the server loads (in as few queries as possible) and the engine reads.
// Names are optional: when present, reasons name things the way people know them.

/** An instant: a Date or epoch milliseconds. */
export type Instant = Date | number;

/** A role held by the actor in one scope. System roles have no scope id. */
export interface RoleAssignmentFact {
  role: Role;
  scopeType: Scope;
  scopeId: string | null;
  scopeName?: string;
  /** Stops counting at this instant exactly; null: no expiry. */
  expiresAt: Instant | null;
}

/** Who is asking: their role assignments, and the events they attend (an RSVP). */
export interface ActorFacts {
  /** null for someone who is not signed in. */
  userId: string | null;
  assignments: readonly RoleAssignmentFact[];
  /** Event ids where the actor has an RSVP (confirmed or waitlisted): a reporter there. */
  attending?: readonly string[];
}

export interface OrganizationFacts {
  id: string;
  name?: string;
  settings: OrganizationSettings;
}

export interface ChapterRef {
  id: string;
  name?: string;
}

export type EventStatus = 'draft' | 'pending_approval' | 'active' | 'archived';

export interface EventFacts {
  id: string;
  name?: string;
  organization: OrganizationFacts;
  chapter: ChapterRef | null;
  status: EventStatus;
  suspended: boolean;
  spam: boolean;
  /** Whether the event takes RSVPs now (capacity and dates are the RSVP service's business). */
  rsvpOpen: boolean;
  createdBy: string | null;
  settings: EventSettings;
  /** Reports, comments or evidence exist: the event may no longer be deleted or moved. */
  hasIncidentData: boolean;
}

export interface ReportFacts {
  id: string;
  event: EventFacts;
  authorId: string | null;
  assigneeIds: readonly string[];
  anonymous: boolean;
}

export interface RegionFacts {
  id: string;
  name?: string;
  locationCount: number;
}

export interface LocationFacts {
  id: string;
  name?: string;
  region: { id: string; name?: string } | null;
  /** The events held there (as main location or for a session). */
  events: readonly EventFacts[];
}

/** Anything an action is done to, tagged with its type. */
export type Resource =
  | { type: 'system' }
  | ({ type: 'organization' } & OrganizationFacts)
  | ({ type: 'chapter'; organization: OrganizationFacts; eventCount: number } & ChapterRef)
  | ({ type: 'event' } & EventFacts)
  | ({ type: 'report' } & ReportFacts)
  | {
      type: 'comment';
      id: string;
      report: ReportFacts;
      writerId: string;
      visibility: 'internal' | 'external';
    }
  | { type: 'evidence'; id: string; report: ReportFacts; uploaderId: string }
  | ({ type: 'region' } & RegionFacts)
  | ({ type: 'location' } & LocationFacts);

export type ResourceOf<T extends Resource['type']> = Extract<Resource, { type: T }>;
