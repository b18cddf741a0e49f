import { eventId, rsvpCount, rsvpStatus, rsvpUser, type Part, type Plan } from './plan.js';

/**
 * The RSVPs of every published event: 60–140 people each (one in ten a volunteer, a few on the
 * waitlist or cancelled), made between publication and the start (or today), in order of k so
 * that queued_seq (from its sequence) follows the order people came in. Those of `part`'s events.
 */
export const rsvpsSql = (p: Plan, part: Part) => `
INSERT INTO rsvps (id, event_id, user_id, kind, status, share_email, created_at, updated_at,
  confirmed_at, cancelled_at)
SELECT md5('rsvp:' || ev.id || ':' || k)::uuid, ev.id, ${rsvpUser('d.eh', 'k', p)},
  CASE WHEN k % 10 = 9 THEN 'volunteer' ELSE 'attendee' END, s.status, k % 3 = 0,
  t.at, CASE WHEN s.status = 'cancelled' THEN t.cancelled ELSE t.at END,
  CASE WHEN s.status <> 'waitlisted' THEN t.at END,
  CASE WHEN s.status = 'cancelled' THEN t.cancelled END
FROM generate_series(${part.from}, ${part.to}) AS e(e)
JOIN events ev ON ev.id = ${eventId('e.e')}
CROSS JOIN LATERAL (SELECT md5(ev.id::text) AS eh OFFSET 0) d
CROSS JOIN LATERAL (SELECT ${rsvpCount('d.eh', p)} AS n OFFSET 0) c
CROSS JOIN LATERAL generate_series(0, c.n - 1) AS k
CROSS JOIN LATERAL (SELECT ${rsvpStatus('k')} AS status OFFSET 0) s
CROSS JOIN LATERAL (SELECT ev.published_at + (least(ev.starts_on::timestamptz, ${p.anchor} - interval '1 hour')
  - ev.published_at) * ((k + 1)::float8 / (c.n + 2)) AS at OFFSET 0) t0
CROSS JOIN LATERAL (SELECT t0.at, t0.at + (${p.anchor} - t0.at) / 4 AS cancelled OFFSET 0) t
WHERE ev.status IN ('active', 'archived')
ORDER BY ev.id, k`;

/**
 * Capacities that explain the waitlists: where people of a kind wait, the event is full for that
 * kind, so its capacity is the number confirmed (the app lets nobody wait while a place is free);
 * elsewhere no limit.
 */
export const capacitiesSql = () => `
UPDATE events ev SET
  attendee_capacity = CASE WHEN c.attendees_waiting > 0 THEN c.attendees END,
  volunteer_capacity = CASE WHEN c.volunteers_waiting > 0 THEN c.volunteers END
FROM (
  SELECT event_id,
    count(*) FILTER (WHERE kind = 'attendee' AND status = 'confirmed')::int AS attendees,
    count(*) FILTER (WHERE kind = 'attendee' AND status = 'waitlisted') AS attendees_waiting,
    count(*) FILTER (WHERE kind = 'volunteer' AND status = 'confirmed')::int AS volunteers,
    count(*) FILTER (WHERE kind = 'volunteer' AND status = 'waitlisted') AS volunteers_waiting
  FROM rsvps GROUP BY event_id
) c
WHERE c.event_id = ev.id`;
