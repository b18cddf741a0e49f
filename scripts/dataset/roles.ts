import {
  SYSTEM_ADMIN,
  attendingRsvp,
  organizationAdmin,
  rsvpUser,
  teamUser,
  type Plan,
} from './plan.js';
import { below, userId } from './random.js';

// Role assignments as the app grants them. Each insert fires the role_assignments trigger that
// stamps users.privileges_changed_at, exactly as a grant through the app would.

/** The one system admin (user 1), as the setup link makes them. */
export const systemAdminSql = (p: Plan) => `
INSERT INTO role_assignments (user_id, role, scope_type, scope_id, granted_at)
VALUES (${userId(String(SYSTEM_ADMIN))}, 'system_admin', 'system', NULL, ${p.anchor} - interval '1600 days')`;

/** Two org admins per organization, invited by the system admin when it was created. */
export const organizationAdminsSql = (p: Plan) => `
INSERT INTO role_assignments (user_id, role, scope_type, scope_id, granted_by, granted_at)
SELECT ${organizationAdmin('md5(o.id::text)', 'j', p)}, 'org_admin', 'organization', o.id,
  ${userId(String(SYSTEM_ADMIN))}, o.created_at + interval '1 day' * (1 + j)
FROM organizations o CROSS JOIN generate_series(0, 1) AS j`;

/** One or two leaders per chapter, added by the organization's first admin. */
export const chapterLeadersSql = (p: Plan) => `
INSERT INTO role_assignments (user_id, role, scope_type, scope_id, granted_by, granted_at)
SELECT ${userId(`1 + (${below('d.h', 0, p.sizes.users)} + j) % ${p.sizes.users}`)}, 'chapter_leader',
  'chapter', ch.id, ${organizationAdmin('md5(ch.organization_id::text)', '0', p)},
  ch.created_at + interval '1 day' * (1 + j)
FROM chapters ch
CROSS JOIN LATERAL (SELECT md5(ch.id::text) AS h OFFSET 0) d
CROSS JOIN LATERAL generate_series(0, ${below('d.h', 1, 2)}) AS j`;

/**
 * Each event's team: two event admins (the creator, granted by an org admin, and a second one
 * granted by the creator) and five responders; and one or two checkiners, who are people with an
 * RSVP (as the attendees page makes them), at events that take RSVPs.
 */
export const eventTeamsSql = (p: Plan) => `
INSERT INTO role_assignments (user_id, role, scope_type, scope_id, granted_by, granted_at)
SELECT ${teamUser('d.eh', 't.j', p)}, t.role, 'event', ev.id,
  CASE WHEN t.j = 0 THEN ${organizationAdmin('md5(ev.organization_id::text)', '0', p)}
    ELSE ${teamUser('d.eh', '0', p)} END,
  ev.created_at + interval '1 hour' * t.j
FROM events ev
CROSS JOIN LATERAL (SELECT md5(ev.id::text) AS eh OFFSET 0) d
CROSS JOIN (VALUES (0, 'event_admin'), (1, 'event_admin'), (2, 'responder'), (3, 'responder'),
  (4, 'responder'), (5, 'responder'), (6, 'responder')) AS t(j, role)
UNION ALL
SELECT ${rsvpUser('d.eh', attendingRsvp('k'), p)}, 'checkiner', 'event', ev.id,
  ${teamUser('d.eh', '0', p)}, least(${p.anchor}, ev.created_at + interval '3 days')
FROM events ev
CROSS JOIN LATERAL (SELECT md5(ev.id::text) AS eh OFFSET 0) d
CROSS JOIN LATERAL generate_series(0, ${below('d.eh', 3, 2)}) AS k
WHERE ev.status IN ('active', 'archived')`;
