// The shapes of the reports API (server/src/modules/{reports,comments,evidence}/schema.ts), as the
// pages use them. A report arrives in one of three views, chosen by the server for each caller:
// the team's (with or without the reporter's identity: absent, not hidden) or the author's own.

export const reportStates = [
  'submitted',
  'acknowledged',
  'investigating',
  'resolved',
  'closed',
] as const;
export type ReportState = (typeof reportStates)[number];

export const severities = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export const contactPreferences = ['email', 'phone', 'in_person', 'none'] as const;
export type ContactPreference = (typeof contactPreferences)[number];

export interface PersonRef {
  id: string;
  name: string;
}

export interface ReportHistoryEntry {
  id: string;
  kind: 'submitted' | 'state' | 'assigned' | 'unassigned' | 'severity' | 'deleted';
  at: string;
  /** Null for the anonymous reporter or a deleted account. */
  actor: PersonRef | null;
  fromState: ReportState | null;
  toState: ReportState | null;
  note: string | null;
  /** Who was assigned or unassigned. */
  person: PersonRef | null;
  fromSeverity: Severity | null;
  toSeverity: Severity | null;
}

interface ReportFields {
  id: string;
  /** Per event, from 1. */
  number: number;
  event: { id: string; name: string; slug: string; timeZone: string };
  title: string;
  /** Markdown. */
  description: string;
  /** The description rendered and sanitized by the server. */
  descriptionHtml: string;
  type: string;
  incidentAt: string | null;
  location: string;
  parties: string;
  state: ReportState;
  anonymous: boolean;
  resolution: string;
  submittedAt: string;
  updatedAt: string;
}

export interface ReportTransitionOption {
  to: ReportState;
  needsNote: boolean;
  needsAssignee: boolean;
}

export interface TeamReportAbilities {
  updateDescription: boolean;
  updateDetails: boolean;
  updateSeverity: boolean;
  changeState: boolean;
  assign: boolean;
  commentExternal: boolean;
  commentInternal: boolean;
  uploadEvidence: boolean;
  delete: boolean;
  viewAccessLog: boolean;
}

/** The response team's view. */
export interface TeamReport extends ReportFields {
  view: 'team';
  severity: Severity | null;
  followUp: boolean;
  assignees: PersonRef[];
  history: ReportHistoryEntry[];
  /** The states the caller may move this report to now, and what each needs. */
  transitions: ReportTransitionOption[];
  can: TeamReportAbilities;
  /** Present only for callers who may see who reported (null: anonymous report). */
  reporter?: { id: string; name: string; email: string } | null;
  contactPreference?: ContactPreference;
  contactDetails?: string;
}

/** The author's own view (also the anonymous follow-up link's). */
export interface OwnReport extends ReportFields {
  view: 'own';
  contactPreference: ContactPreference;
  contactDetails: string;
  history: { at: string; toState: ReportState }[];
  can: {
    updateDescription: boolean;
    updateContact: boolean;
    updateDetails: boolean;
    commentExternal: boolean;
    uploadEvidence: boolean;
  };
}

export type AnyReport = TeamReport | OwnReport;

/** A row of a queue or of "my reports": never the reporter's identity. */
export interface ReportListItem {
  id: string;
  number: number;
  event: { id: string; name: string; slug: string };
  title: string;
  type: string;
  state: ReportState;
  /** Null when not set, and in the author's own list. */
  severity: Severity | null;
  anonymous: boolean;
  followUp: boolean;
  assignees: PersonRef[];
  submittedAt: string;
  updatedAt: string;
  /** Comments the caller can see. */
  commentCount: number;
}

export type ReportSort = 'newest' | 'oldest' | 'updated' | 'severity' | 'number';

/** The queue's filters, as query parameters (and as saved filters keep them). */
export interface QueueFilters {
  /** One state or several, comma-separated. */
  state?: string;
  /** One severity or several, comma-separated; "none" for not set. */
  severity?: string;
  type?: string;
  /** A user id, "me", or "none". */
  assignee?: string;
  /** YYYY-MM-DD, submitted on or after. */
  from?: string;
  /** YYYY-MM-DD, submitted on or before. */
  to?: string;
  q?: string;
  followUp?: 'true' | 'false';
  sort?: ReportSort;
}

export interface SavedFilter {
  id: string;
  name: string;
  query: QueueFilters;
  createdAt: string;
}

export interface NewReport {
  /** Made once per draft on the device (crypto.randomUUID()); retries reuse it. */
  idempotencyKey: string;
  title: string;
  description: string;
  type: string;
  incidentAt: string | null;
  location: string;
  parties: string;
  contactPreference: ContactPreference;
  contactDetails: string;
  anonymous: boolean;
}

export interface SubmittedReport {
  report: OwnReport;
  /** Only for anonymous reports: the private follow-up link's token, shown once. */
  followUpToken: string | null;
  replayed: boolean;
}

export interface Comment {
  id: string;
  reportId: string;
  visibility: 'internal' | 'external';
  /** Markdown; empty once deleted. */
  body: string;
  bodyHtml: string;
  /** Null for the anonymous reporter or a deleted account. */
  writer: PersonRef | null;
  /** Written by the report's author (or its anonymous reporter). */
  byReporter: boolean;
  createdAt: string;
  editedAt: string | null;
  /** An internal comment shared with the reporter: when and by whom. */
  shared: { at: string; by: PersonRef | null } | null;
  deleted: boolean;
  can: { edit: boolean; delete: boolean; share: boolean; viewRevisions: boolean };
}

export interface CommentRevision {
  body: string;
  bodyHtml: string;
  /** When this wording was replaced by the next. */
  replacedAt: string;
}

export interface Evidence {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: PersonRef | null;
  byReporter: boolean;
  createdAt: string;
  /** Null where the caller may not download it (the anonymous follow-up link). */
  downloadUrl: string | null;
  can: { delete: boolean };
}

export interface AccessLogEntry {
  id: string;
  at: string;
  /** Null: the anonymous follow-up link. */
  viewer: PersonRef | null;
  what: 'report' | 'evidence' | 'export';
  via: string | null;
}
