import { inPart, SYSTEM_ADMIN, type Part } from './plan.js';
import { below, pick, taggedUuid, userId } from './random.js';
import { userAgents } from './words.js';

// Audit entries as recordAudit() writes them, derived from the rows they would have been written
// with (same time, actor, scope and target), each with a request id, a client address from the
// documentation ranges (RFC 5737) and a browser.

/**
 * SQL: the lateral join that gives an entry whose row is identified by the text `key` the digest
 * `rq.q` its request columns come from (one md5 per entry: there are millions).
 */
const request = (key: string) =>
  `CROSS JOIN LATERAL (SELECT md5('request:' || ${key}) AS q OFFSET 0) rq`;

/** SQL: the request columns: a request id, an address (RFC 5737) and a browser, from `rq.q`. */
const origin = `rq.q::uuid::text, '203.0.113.' || (1 + ${below('rq.q', 2, 254)}),
  ${pick('rq.q', 3, userAgents)}`;

const columns = `(id, occurred_at, actor_id, scope_type, scope_id, action, target_type, target_id,
  before, after, reason, request_id, ip_address, user_agent)`;

/** The creation of each organization by the system admin. */
export const organizationEntriesSql = () => `
INSERT INTO audit_entries ${columns}
SELECT md5('audit:org:' || o.id)::uuid, o.created_at, ${userId(String(SYSTEM_ADMIN))}, 'system',
  NULL, 'system.organization.create', 'organization', o.id::text, NULL,
  jsonb_build_object('name', o.name, 'slug', o.slug), NULL, ${origin}
FROM organizations o
${request('o.id')}`;

/** Each event's creation, and its publication where it was published. */
export const eventEntriesSql = () => `
INSERT INTO audit_entries ${columns}
SELECT md5('audit:event:' || ev.id || ':' || s.action)::uuid, s.at, ev.created_by, 'event', ev.id,
  s.action, 'event', ev.id::text, s.before, s.after, NULL, ${origin}
FROM events ev
CROSS JOIN LATERAL (VALUES
  ('event.create', ev.created_at, NULL::jsonb, jsonb_build_object('name', ev.name, 'status', 'draft')),
  ('event.publish', ev.published_at, jsonb_build_object('status', 'draft'),
    jsonb_build_object('status', 'active'))) AS s(action, at, before, after)
${request(`ev.id || s.action`)}
WHERE s.at IS NOT NULL`;

/**
 * Every role assignment's grant: event roles by event.team.assign, chapter leaders by
 * chapter.leader.add, org admins by their invitation (created by the system admin the day
 * before, then accepted by them), the system admin by completing setup.
 */
export const roleEntriesSql = () => `
INSERT INTO audit_entries ${columns}
SELECT md5('audit:role:' || ra.id || ':' || s.step)::uuid, s.at, s.actor, ra.scope_type, ra.scope_id,
  s.action, s.target_type, s.target_id, s.before, s.after, NULL, ${origin}
FROM role_assignments ra
CROSS JOIN LATERAL (SELECT md5('invitation:' || ra.id)::uuid::text AS invitation OFFSET 0) i
CROSS JOIN LATERAL (VALUES
  (1, ra.scope_type = 'event', 'event.team.assign', ra.granted_at, ra.granted_by, 'user', ra.user_id,
    NULL::jsonb, jsonb_build_object('role', ra.role, 'expiresAt', NULL)),
  (1, ra.scope_type = 'chapter', 'chapter.leader.add', ra.granted_at, ra.granted_by, 'user',
    ra.user_id, NULL, jsonb_build_object('role', ra.role, 'expiresAt', NULL)),
  (1, ra.scope_type = 'organization', 'invitation.create', ra.granted_at - interval '1 day',
    ra.granted_by, 'invitation', i.invitation, NULL, jsonb_build_object('role', ra.role)),
  (2, ra.scope_type = 'organization', 'invitation.accept', ra.granted_at, ra.user_id, 'invitation',
    i.invitation, jsonb_build_object('roles', '[]'::jsonb),
    jsonb_build_object('roles', jsonb_build_array(ra.role))),
  (1, ra.scope_type = 'system', 'system.setup.complete', ra.granted_at, ra.user_id, 'user',
    ra.user_id, NULL, NULL)
) AS s(step, applies, action, at, actor, target_type, target_id, before, after)
${request(`ra.id || s.step`)}
WHERE s.applies`;

/**
 * One entry per step of each report's history: its submission (naming nobody for an anonymous
 * report), state changes (the note only said to be given, as the app records it) and
 * assignments. Those of `part`'s reports.
 */
export const reportEntriesSql = (part: Part) => `
INSERT INTO audit_entries ${columns}
SELECT ${taggedUuid('3', 'h.id')}, h.at, h.actor_id, 'event', r.event_id,
  CASE h.kind WHEN 'submitted' THEN 'report.submit' WHEN 'state' THEN 'report.state.change'
    ELSE 'report.assign' END,
  'report', r.id::text,
  CASE WHEN h.kind = 'state' THEN jsonb_build_object('state', h.from_state) END,
  CASE h.kind
    WHEN 'submitted' THEN jsonb_build_object('number', r.number, 'type', r.type, 'anonymous', r.anonymous)
    WHEN 'state' THEN jsonb_build_object('state', h.to_state,
      'note', CASE WHEN h.note IS NULL THEN NULL ELSE 'given' END)
    ELSE h.detail END,
  NULL, ${origin}
FROM report_history h JOIN reports r ON r.id = h.report_id
${request('h.id')}
WHERE ${inPart('h.report_id', part)} AND ${inPart('r.id', part)}`;

/** One entry per comment, as createComment records it. Those of `part`'s reports. */
export const commentEntriesSql = (part: Part) => `
INSERT INTO audit_entries ${columns}
SELECT ${taggedUuid('4', 'c.id')}, c.created_at, c.writer_id, 'event', r.event_id,
  'report.comment.create', 'comment', c.id::text, NULL,
  jsonb_build_object('reportId', r.id, 'visibility', c.visibility,
    'byReporter', c.by_anonymous_reporter OR c.writer_id IS NOT DISTINCT FROM r.author_id),
  NULL, ${origin}
FROM report_comments c JOIN reports r ON r.id = c.report_id
${request('c.id')}
WHERE ${inPart('c.report_id', part)} AND ${inPart('r.id', part)}`;
