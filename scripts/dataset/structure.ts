import { chapterId, eventId, organizationId, teamUser, type Plan } from './plan.js';
import { below, fraction, pick, weighted } from './random.js';
import { adjectives, cities, eventKinds, organizationKinds, timeZones, topics } from './words.js';

const slugOf = (name: string) =>
  `trim(both '-' from regexp_replace(lower(${name}), '[^a-z0-9]+', '-', 'g'))`;

/**
 * Organizations with mixed policy settings. `require_mfa_for_admins` is false everywhere on
 * purpose: generated admins have a password and no second factor, and benchmarks and tests sign
 * in as them with the password alone (with it true, their admin actions would ask for
 * two-factor setup first).
 */
export const organizationsSql = (p: Plan) => `
INSERT INTO organizations (id, name, slug, description, website, event_creation, event_approval,
  leaders_see_incidents, require_mfa_for_admins, created_at, updated_at)
SELECT i.id, n.name, ${slugOf('n.name')} || '-' || o,
  'A community of people who care about ' || lower(${pick('h', 1, topics)}) || '.',
  CASE WHEN ${fraction('h2', 0)} < 0.7 THEN 'https://org' || o || '.example.org' END,
  ${weighted('h2', 1, [
    ['admins', 0.7],
    ['anyone', 0.3],
  ])},
  ${weighted('h2', 2, [
    ['not_required', 0.8],
    ['required', 0.2],
  ])},
  ${fraction('h2', 3)} < 0.7, false, t.at, t.at
FROM generate_series(1, ${p.sizes.organizations}) AS o
CROSS JOIN LATERAL (SELECT ${organizationId('o')} AS id OFFSET 0) i
CROSS JOIN LATERAL (SELECT md5(i.id::text) AS h, md5(i.id::text || ':more') AS h2 OFFSET 0) d
CROSS JOIN LATERAL (SELECT ${pick('h', 0, adjectives)} || ' ' || ${pick('h', 1, topics)} || ' '
  || ${pick('h', 2, organizationKinds)} AS name OFFSET 0) n
CROSS JOIN LATERAL (SELECT ${p.anchor} - interval '1 day' * (1100 + ${below('h', 3, 400)}) AS at OFFSET 0) t`;

/** Chapters, dealt round-robin to the organizations (chapter c belongs to org 1 + (c-1) % O). */
export const chaptersSql = (p: Plan) => `
INSERT INTO chapters (id, organization_id, name, slug, created_at, updated_at)
SELECT ${chapterId('c')}, ${organizationId(`1 + (c - 1) % ${p.sizes.organizations}`)}, n.name,
  ${slugOf('n.name')} || '-' || c, t.at, t.at
FROM generate_series(1, ${p.sizes.chapters}) AS c
CROSS JOIN LATERAL (SELECT md5('chapter-draws:' || c) AS h OFFSET 0) d
CROSS JOIN LATERAL (SELECT ${pick('h', 0, cities)} AS name OFFSET 0) n
CROSS JOIN LATERAL (SELECT ${p.anchor} - interval '1 day' * (900 + ${below('h', 1, 200)}) AS at OFFSET 0) t`;

/** SQL: how many chapters organization `o` has, as chaptersSql deals them. */
const chaptersOf = (o: string, p: Plan) =>
  `(CASE WHEN ${o} <= ${p.sizes.chapters} THEN (${p.sizes.chapters} - ${o}) / ${p.sizes.organizations} + 1 ELSE 0 END)`;

/**
 * Events, round-robin over the organizations, three in four in one of its chapters. About 80%
 * active, 10% archived (ended at least two months ago), the rest drafts or waiting for approval
 * (in the future). Dates spread over the past three years and the next one. Event 1 is always an
 * active past event, so that even a tiny scale has reports. report_count is set afterwards
 * (reportCountsSql), once it is known how many events can hold reports.
 */
export const eventsSql = (p: Plan) => `
INSERT INTO events (id, organization_id, chapter_id, name, slug, description, starts_on, ends_on,
  time_zone, website, contact_email, code_of_conduct, status, published_at, rsvp_open, created_by,
  responder_scope, responders_can_assign, report_intake, show_team_publicly, report_count,
  email_detail, archived_at, created_at, updated_at)
SELECT i.id, ${organizationId('s.org')},
  CASE WHEN ${chaptersOf('s.org', p)} > 0 AND ${fraction('h', 3)} < 0.75
    THEN ${chapterId(`s.org + ${p.sizes.organizations} * ${below('h2', 3, chaptersOf('s.org', p))}`)} END,
  n.name, ${slugOf('n.name')} || '-' || e,
  'A gathering of the ' || lower(n.topic) || ' community in ' || n.city || '.',
  t.starts_on, t.starts_on + ${below('h3', 0, 4)},
  ${pick('h3', 1, timeZones)},
  CASE WHEN ${fraction('h3', 2)} < 0.6 THEN 'https://event' || e || '.example.org' END,
  'conduct+' || e || '@generated.steward.test',
  'Be kind. Harassment is not tolerated. Report anything that worries you to the conduct team.',
  s.status,
  CASE WHEN s.status IN ('active', 'archived') THEN c.created_at + interval '1 day' END,
  s.status = 'active' AND t.starts_on >= ${p.anchor}::date,
  ${teamUser('h', '0', p)},
  ${weighted('h4', 0, [
    ['all', 0.9],
    ['assigned', 0.1],
  ])},
  ${fraction('h4', 1)} < 0.85,
  ${weighted('h4', 2, [
    ['members', 0.55],
    ['signed_in', 0.25],
    ['anonymous', 0.2],
  ])},
  ${fraction('h4', 3)} < 0.3,
  0,
  ${weighted('h3', 3, [
    ['title', 0.7],
    ['none', 0.15],
    ['full', 0.15],
  ])},
  CASE WHEN s.status = 'archived' THEN (t.starts_on + 14 + ${below('h5', 0, 30)})::timestamptz END,
  c.created_at,
  CASE WHEN s.status = 'archived' THEN (t.starts_on + 14 + ${below('h5', 0, 30)})::timestamptz
    WHEN s.status = 'active' THEN c.created_at + interval '1 day' ELSE c.created_at END
FROM generate_series(1, ${p.sizes.events}) AS e
CROSS JOIN LATERAL (SELECT ${eventId('e')} AS id OFFSET 0) i
CROSS JOIN LATERAL (SELECT md5(i.id::text) AS h, md5(i.id::text || ':2') AS h2,
  md5(i.id::text || ':3') AS h3, md5(i.id::text || ':4') AS h4, md5(i.id::text || ':5') AS h5 OFFSET 0) d
CROSS JOIN LATERAL (SELECT 1 + (e - 1) % ${p.sizes.organizations} AS org,
  CASE WHEN e = 1 THEN 'active' ELSE ${weighted('h2', 0, [
    ['active', 0.8],
    ['archived', 0.1],
    ['draft', 0.07],
    ['pending_approval', 0.03],
  ])} END AS status OFFSET 0) s
CROSS JOIN LATERAL (SELECT ${pick('h2', 1, cities)} AS city, ${pick('h2', 2, topics)} AS topic OFFSET 0) w
CROSS JOIN LATERAL (SELECT w.city || ' ' || w.topic || ' ' || ${pick('h5', 1, eventKinds)} AS name,
  w.city, w.topic OFFSET 0) n
CROSS JOIN LATERAL (SELECT ${p.anchor}::date + CASE
    WHEN e = 1 THEN -30
    WHEN s.status = 'archived' THEN -(60 + ${below('h', 0, 1035)})
    WHEN s.status = 'active' THEN -1095 + ${below('h', 0, 1460)}
    ELSE 14 + ${below('h', 0, 351)} END AS starts_on OFFSET 0) t
CROSS JOIN LATERAL (SELECT least(${p.anchor} - interval '2 days',
  t.starts_on - interval '1 day' * (30 + ${below('h5', 2, 90)})) AS created_at OFFSET 0) c`;

/**
 * Where reports can be: published events (active or archived) that began at least two days ago.
 * Reports are spread over them around an average that makes the total about the scale's.
 */
export const reportableEvents = (p: Plan) =>
  `status IN ('active', 'archived') AND starts_on <= ${p.anchor}::date - 2`;

/** Sets each reportable event's report_count: 25%–175% of `average`, at least one. */
export const reportCountsSql = (p: Plan, average: number) => `
UPDATE events SET report_count = greatest(1, round(${average} * (0.25 + 1.5 * ${fraction(
  "md5(id::text || ':reports')",
  0,
)})))::int
WHERE ${reportableEvents(p)}`;
