import {
  attendingRsvp,
  eventId,
  inPart,
  rsvpCount,
  rsvpUser,
  teamUser,
  type Part,
  type Plan,
} from './plan.js';
import { below, childUuid, fraction, hex8, pick, uuidOfKey, weighted } from './random.js';
import {
  descriptionClosings,
  descriptionMiddles,
  descriptionOpenings,
  externalComments,
  firstNames,
  internalComments,
  places,
  reportTitles,
  resolutions,
} from './words.js';

// Reports and what hangs off them. What a report went through (its history, assignee, comments)
// is derived from its id's digests (once, into the story table below), so every table tells the
// same story from the report row alone. Report ids start with the event's number and the report's
// (random.ts, uuidOfKey), and the rows hanging off a report continue its id (childUuid):
//   rh  = md5(id)          draws: 0 state, 1 anonymous, 2 severity, 3 assigned
//   rh2 = md5(id || ':2')  draws: 0 gap between steps, 1 comment count, 2 assignee, 3 team actor
// The steps of the workflow are at submitted_at + i × gap: 1 acknowledged, 2 assigned,
// 3 investigating, 4 resolved, 5 closed (those the report went through); comment i at
// (i + ½) × gap. The gap is at most an eighth of the time since submission, so nothing is in the
// future.

const states = `ARRAY['submitted', 'acknowledged', 'investigating', 'resolved', 'closed']`;

/** SQL: the report's state as a rank, 0 (submitted) to 4 (closed). */
const rank = (state: string) => `(array_position(${states}, ${state}) - 1)`;

/**
 * SQL: whether the report has an assignee: always when investigating (the workflow requires
 * one), 30% of finished ones, 20% of acknowledged ones: about 30% of all reports.
 */
const assigned = (state: string, rh: string) => `(CASE ${state}
  WHEN 'investigating' THEN true
  WHEN 'resolved' THEN ${fraction(rh, 3)} < 0.3 WHEN 'closed' THEN ${fraction(rh, 3)} < 0.3
  WHEN 'acknowledged' THEN ${fraction(rh, 3)} < 0.2 ELSE false END)`;

/** SQL: the time between two steps of the report's story. */
const gap = (rh2: string, submittedAt: string, p: Plan) =>
  `least(interval '1 hour' * (1 + ${below(rh2, 0, 72)}), (${p.anchor} - ${submittedAt}) / 8)`;

/** SQL: how many comments the report has, 0–4 (two on average). */
const commentCount = (rh2: string) => below(rh2, 1, 5);

/** SQL: the index of the report's last workflow step (0: none after submission). */
const lastStep = (state: string, isAssigned: string) => `(CASE ${state}
  WHEN 'submitted' THEN 0 WHEN 'acknowledged' THEN CASE WHEN ${isAssigned} THEN 2 ELSE 1 END
  WHEN 'investigating' THEN 3 WHEN 'resolved' THEN 4 ELSE 5 END)`;

/**
 * The columns every later statement derives from a report row `r` joined to its event `ev`:
 * digests, whether assigned, its gap, comment count, its assignee and who on the team acts on it
 * (the assignee, else a responder, else, where responders see only what is assigned to them, the
 * event admin who created the event).
 */
const derived = (p: Plan) => `
CROSS JOIN LATERAL (SELECT md5(r.id::text) AS rh, md5(r.id::text || ':2') AS rh2,
  md5(ev.id::text) AS eh OFFSET 0) d
CROSS JOIN LATERAL (SELECT ${assigned('r.state', 'd.rh')} AS assigned,
  ${gap('d.rh2', 'r.submitted_at', p)} AS gap, ${commentCount('d.rh2')} AS comments,
  ${rank('r.state')} AS rank,
  ${teamUser('d.eh', `2 + ${below('d.rh2', 2, 5)}`, p)} AS assignee,
  ${teamUser('d.eh', '0', p)} AS event_admin OFFSET 0) x
CROSS JOIN LATERAL (SELECT CASE WHEN x.assigned THEN x.assignee
  WHEN ev.responder_scope = 'all' THEN ${teamUser('d.eh', `2 + ${below('d.rh2', 3, 5)}`, p)}
  ELSE x.event_admin END AS actor OFFSET 0) a`;

/**
 * Reports 1..report_count of every event, numbered in the order they were submitted (between
 * the event's start and two weeks after its end, or now). Authors are people with a confirmed or
 * waitlisted RSVP there; where the event takes anonymous reports, 40% are anonymous (no author, a
 * follow-up token hash). Idempotency keys are SHA-256 hex, as the app stores them. Those of
 * `part`'s events.
 */
export const reportsSql = (p: Plan, part: Part) => `
INSERT INTO reports (id, event_id, number, author_id, anonymous, title, description, type,
  incident_at, location, parties, contact_preference, contact_details, severity, state,
  resolution, follow_up, idempotency_key, follow_up_token_hash, submitted_at, updated_at)
SELECT i.id, ev.id, n, CASE WHEN s.anonymous THEN NULL
    ELSE ${rsvpUser('e.eh', attendingRsvp(below('t.th2', 3, rsvpCount('e.eh', p))), p)} END,
  s.anonymous,
  ${pick('t.th', 0, reportTitles)} || ' at ' || ${pick('t.th', 1, places)},
  ${pick('t.th', 2, descriptionOpenings)} || ' ' || ${pick('t.th', 3, descriptionMiddles)} || ' '
    || ${pick('t.th2', 0, descriptionClosings)},
  ${weighted('t.th2', 1, [
    ['harassment', 0.6],
    ['safety', 0.25],
    ['other', 0.15],
  ])},
  s.submitted_at - interval '1 minute' * ${below('t.th2', 2, 2880)},
  ${pick('t.th', 1, places)},
  CASE WHEN ${fraction('t.th3', 0)} < 0.5 THEN ${pick('t.th3', 1, firstNames)} ELSE '' END,
  CASE WHEN s.anonymous THEN CASE WHEN ${fraction('t.th3', 2)} < 0.7 THEN 'none' ELSE 'phone' END
    ELSE ${weighted('t.th3', 2, [
      ['email', 0.8],
      ['in_person', 0.1],
      ['phone', 0.1],
    ])} END,
  '',
  CASE WHEN s.state <> 'submitted' THEN ${weighted('d.rh', 2, [
    ['low', 0.35],
    ['medium', 0.35],
    ['high', 0.2],
    ['critical', 0.1],
  ])} END,
  s.state,
  CASE WHEN s.state IN ('resolved', 'closed') THEN ${pick('t.th3', 3, resolutions)} ELSE '' END,
  ${fraction('t.th4', 0)} < 0.1,
  encode(sha256(convert_to('dataset-submission:' || i.id, 'UTF8')), 'hex'),
  CASE WHEN s.anonymous THEN encode(sha256(convert_to('dataset-follow-up:' || i.id, 'UTF8')), 'hex') END,
  s.submitted_at,
  s.submitted_at + g.gap * greatest(${lastStep('s.state', assigned('s.state', 'd.rh'))}, ${commentCount('d.rh2')} - 0.5, 0)
FROM (SELECT ev.*, e.e FROM generate_series(${part.from}, ${part.to}) AS e(e)
  JOIN events ev ON ev.id = ${eventId('e.e')} WHERE ev.report_count > 0 ORDER BY e.e OFFSET 0) ev
CROSS JOIN LATERAL (SELECT md5(ev.id::text) AS eh OFFSET 0) e
CROSS JOIN LATERAL (SELECT (ev.starts_on + time '09:00') AT TIME ZONE ev.time_zone AS start,
  least(${p.anchor} - interval '1 hour', (ev.ends_on + 14 + time '18:00') AT TIME ZONE ev.time_zone) AS stop
  OFFSET 0) w
CROSS JOIN LATERAL generate_series(1, ev.report_count) AS n
CROSS JOIN LATERAL (SELECT ${uuidOfKey(`${hex8('ev.e')} || ${hex8('n')} || '000' || substr(md5('report:' || ev.id || ':' || n), 1, 11)`)} AS id OFFSET 0) i
CROSS JOIN LATERAL (SELECT md5(i.id::text) AS rh, md5(i.id::text || ':2') AS rh2 OFFSET 0) d
CROSS JOIN LATERAL (SELECT md5(i.id::text || ':text') AS th, md5(i.id::text || ':text2') AS th2,
  md5(i.id::text || ':text3') AS th3, md5(i.id::text || ':text4') AS th4 OFFSET 0) t
CROSS JOIN LATERAL (SELECT
  CASE WHEN ev.status = 'archived' THEN ${weighted('d.rh', 0, [
    ['closed', 0.75],
    ['resolved', 0.25],
  ])} ELSE ${weighted('d.rh', 0, [
    ['submitted', 0.15],
    ['acknowledged', 0.15],
    ['investigating', 0.15],
    ['resolved', 0.25],
    ['closed', 0.3],
  ])} END AS state,
  ev.report_intake = 'anonymous' AND ${fraction('d.rh', 1)} < 0.4 AS anonymous,
  w.start + (w.stop - w.start) * ((n - 1 + ${fraction('t.th4', 1)}) / ev.report_count) AS submitted_at
  OFFSET 0) s
CROSS JOIN LATERAL (SELECT ${gap('d.rh2', 's.submitted_at', p)} AS gap OFFSET 0) g`;

/**
 * Each report's story (the derived columns above, with the report columns the later statements
 * use), computed once into a temporary table that the assignees, history and comments are made
 * from: computing it is most of what each of them costs. One table for each part of the load, in
 * the session that makes that part (temporary tables are a session's own), dropped at the end. In
 * the reports' order, so the rows made from it come in the order of their ids.
 */
export const storyTable = (part: Part) => `dataset_report_story_${part.index}`;
export const storySql = (p: Plan, part: Part) => `
CREATE TEMPORARY TABLE ${storyTable(part)} AS
SELECT r.id, r.author_id, r.anonymous, r.resolution, r.submitted_at, x.assigned, x.gap,
  x.comments, x.rank, x.assignee, x.event_admin, a.actor
FROM reports r JOIN events ev ON ev.id = r.event_id
${derived(p)}
WHERE ${inPart('r.id', part)}
ORDER BY r.id`;

/** The assignee of each assigned report: one of the event's responders, assigned by its admin. */
export const assigneesSql = (story: string) => `
INSERT INTO report_assignees (report_id, user_id, assigned_by, assigned_at)
SELECT r.id, r.assignee, r.event_admin, r.submitted_at + r.gap * 2
FROM ${story} r
WHERE r.assigned`;

/**
 * Each report's story: 'submitted' (by its author; nobody for an anonymous report), then the
 * steps it went through to its state, with the notes the workflow asks for (resolving needs one).
 * The steps are a lateral subquery (OFFSET 0 keeps it one) so that each report's steps follow one
 * another, in the order of their ids; as a plain join the planner put the six steps outside and
 * went through every report six times.
 */
export const historySql = (story: string) => `
INSERT INTO report_history (id, report_id, actor_id, kind, from_state, to_state, note, detail, at)
SELECT ${childUuid('r.id', '1', 's.i')}, r.id,
  CASE WHEN s.i = 0 THEN r.author_id WHEN s.i = 2 THEN r.event_admin ELSE r.actor END,
  s.kind,
  CASE WHEN s.i = 4 THEN CASE WHEN r.assigned THEN 'investigating' ELSE 'acknowledged' END
    ELSE s.from_state END,
  s.to_state,
  CASE WHEN s.i = 4 THEN r.resolution END,
  CASE WHEN s.i = 2 THEN jsonb_build_object('userId', r.assignee) END,
  r.submitted_at + r.gap * s.i
FROM ${story} r
CROSS JOIN LATERAL (SELECT * FROM (VALUES (0, 'submitted', NULL, 'submitted'),
    (1, 'state', 'submitted', 'acknowledged'), (2, 'assigned', NULL, NULL),
    (3, 'state', 'acknowledged', 'investigating'), (4, 'state', NULL, 'resolved'),
    (5, 'state', 'resolved', 'closed')) AS v(i, kind, from_state, to_state)
  WHERE v.i = 0 OR (v.i = 1 AND r.rank >= 1) OR (v.i = 2 AND r.assigned)
    OR (v.i = 3 AND r.assigned AND r.rank >= 2) OR (v.i = 4 AND r.rank >= 3) OR (v.i = 5 AND r.rank = 4)
  OFFSET 0) s`;

/**
 * Comments, two per report on average: internal ones by the team; external ones half by the team,
 * half by the reporter (through the follow-up link for an anonymous report).
 */
export const commentsSql = (story: string) => `
INSERT INTO report_comments (id, report_id, writer_id, by_anonymous_reporter, visibility, body,
  created_at)
SELECT ${childUuid('r.id', '2', 'k')}, r.id,
  CASE WHEN c.by_reporter THEN r.author_id ELSE r.actor END,
  c.by_reporter AND r.anonymous, c.visibility,
  CASE WHEN c.visibility = 'internal' THEN ${pick('c.ch', 2, internalComments)}
    ELSE ${pick('c.ch', 2, externalComments)} END,
  r.submitted_at + r.gap * (k + 0.5)
FROM ${story} r
CROSS JOIN LATERAL generate_series(0, r.comments - 1) AS k
CROSS JOIN LATERAL (SELECT h.ch, CASE WHEN ${fraction('h.ch', 0)} < 0.5 THEN 'external' ELSE 'internal' END
    AS visibility, ${fraction('h.ch', 0)} < 0.5 AND ${fraction('h.ch', 1)} < 0.5 AS by_reporter
  FROM (SELECT md5(r.id::text || ':comment:' || k) AS ch OFFSET 0) h) c`;
