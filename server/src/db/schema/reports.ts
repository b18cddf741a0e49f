import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { timeOrderedId } from './ids.js';
import { users } from './auth.js';
import { events } from './structure.js';
import { bytea } from './types.js';

// Incident reports (SPEC §9) and what hangs off them: assignees, history, comments with their
// revisions, evidence, the access log, saved queue filters. Every row belongs to one report, and
// every report to one event: nothing here is reachable across events without a role there.

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const reportStates = [
  'submitted',
  'acknowledged',
  'investigating',
  'resolved',
  'closed',
] as const;
export const severities = ['low', 'medium', 'high', 'critical'] as const;
export const contactPreferences = ['email', 'phone', 'in_person', 'none'] as const;

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'restrict' }),
    /** Per event, from 1: "#12" is how a team talks about a report. */
    number: integer('number').notNull(),
    /** Null for an anonymous report, and once the author's account is deleted. */
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    anonymous: boolean('anonymous').notNull().default(false),
    title: text('title').notNull(),
    description: text('description').notNull(),
    type: text('type').notNull(),
    incidentAt: timestamp('incident_at', { withTimezone: true }),
    location: text('location').notNull().default(''),
    parties: text('parties').notNull().default(''),
    contactPreference: text('contact_preference').notNull().default('email'),
    contactDetails: text('contact_details').notNull().default(''),
    severity: text('severity'),
    state: text('state').notNull().default('submitted'),
    resolution: text('resolution').notNull().default(''),
    followUp: boolean('follow_up').notNull().default(false),
    /** SHA-256 of the client's key for this submission: a retry with it returns this report. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** SHA-256 of an anonymous report's follow-up token; null for reports with an author. */
    followUpTokenHash: text('follow_up_token_hash').unique(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: text('deleted_by').references(() => users.id, { onDelete: 'set null' }),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(location, '') || ' ' || coalesce(parties, ''))`,
      ),
  },
  (t) => [
    unique('reports_event_number').on(t.eventId, t.number),
    unique('reports_event_idempotency_key').on(t.eventId, t.idempotencyKey),
    index('reports_event_state_idx').on(t.eventId, t.state, t.submittedAt),
    index('reports_author_idx').on(t.authorId, t.submittedAt),
    index('reports_search_idx').using('gin', t.search),
    check('reports_state', sql`${t.state} in (${inList(reportStates)})`),
    check(
      'reports_severity',
      sql`${t.severity} is null or ${t.severity} in (${inList(severities)})`,
    ),
    check(
      'reports_contact_preference',
      sql`${t.contactPreference} in (${inList(contactPreferences)})`,
    ),
    check('reports_anonymous_author', sql`not ${t.anonymous} or ${t.authorId} is null`),
  ],
);

/** Who a report is assigned to: each gets responder-level access to it (SPEC §2). */
export const reportAssignees = pgTable(
  'report_assignees',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    assignedBy: text('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.userId] }),
    index('report_assignees_user_idx').on(t.userId),
  ],
);

/**
 * The report's own story, shown on its page: submission, every state transition (with its
 * note), assignments and severity. Field edits are in the audit log.
 */
export const reportHistory = pgTable(
  'report_history',
  {
    id: timeOrderedId(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    /** For assignments: the person; for severity: the old and new value. */
    detail: jsonb('detail'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_history_report_idx').on(t.reportId, t.at)],
);

export const comments = pgTable(
  'report_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** Null when the anonymous reporter wrote it through the follow-up link. */
    writerId: text('writer_id').references(() => users.id, { onDelete: 'set null' }),
    byAnonymousReporter: boolean('by_anonymous_reporter').notNull().default(false),
    visibility: text('visibility').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    sharedBy: text('shared_by').references(() => users.id, { onDelete: 'set null' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: text('deleted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('report_comments_report_idx').on(t.reportId, t.createdAt),
    check('report_comments_visibility', sql`${t.visibility} in ('internal', 'external')`),
  ],
);

/** Earlier wordings of an edited comment, newest last. */
export const commentRevisions = pgTable(
  'report_comment_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    commentId: uuid('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    /** When this wording was replaced. */
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_comment_revisions_comment_idx').on(t.commentId, t.replacedAt)],
);

export const evidence = pgTable(
  'report_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** Null when the anonymous reporter uploaded it through the follow-up link. */
    uploaderId: text('uploader_id').references(() => users.id, { onDelete: 'set null' }),
    byAnonymousReporter: boolean('by_anonymous_reporter').notNull().default(false),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** Where the bytes are, in the storage the installation uses (see evidence/storage.ts). */
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_evidence_report_idx').on(t.reportId, t.createdAt)],
);

/** The bytes of evidence, for the default storage: in the database, apart from the listing. */
export const evidenceBlobs = pgTable('report_evidence_blobs', {
  key: text('key').primaryKey(),
  data: bytea('data').notNull(),
});

/** Every view of a report, of its evidence and of exports that include it (SPEC §10). */
export const reportAccessLog = pgTable(
  'report_access_log',
  {
    id: timeOrderedId(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** No foreign key: the record outlives the account. Null: the anonymous follow-up link. */
    userId: text('user_id'),
    /** What was seen: the report, a piece of evidence, an export. */
    what: text('what').notNull(),
    targetId: text('target_id'),
    /** How the viewer came to see it, from the engine's decision ("responder of DevConf"). */
    via: text('via'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    ipAddress: text('ip_address'),
  },
  (t) => [index('report_access_log_report_idx').on(t.reportId, t.at)],
);

/** A responder's named queue filter, per event. */
export const reportFilters = pgTable(
  'report_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, string>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('report_filters_name').on(t.userId, t.eventId, t.name)],
);
