import pg from 'pg';

/** A generated person signed in to Steward, with what they work on. */
export interface Actor {
  cookie: string;
  eventId: string;
  /** Reports of that event the actor may open (responders), or their own (reporters). */
  reportIds: string[];
}

export interface Actors {
  reporters: Actor[];
  submitters: Actor[];
  responders: Actor[];
  commenters: Actor[];
  admins: Actor[];
}

// Live, open events only: actors must be allowed what the benchmark asks of them, or it would
// measure refusals. The benchmark fails on any answer that is not 2xx.
const openEvent = `e.status = 'active' AND NOT e.suspended AND NOT e.spam`;
const livePerson = `u.deleted_at IS NULL AND u.deactivated_at IS NULL`;
const liveRole = `(ra.expires_at IS NULL OR ra.expires_at > now())`;

// Authors at open events where they may report again (an RSVP, or open intake), with their own
// reports, in the order of ids from one end or the other.
const authors = (order: 'ASC' | 'DESC', limit: string) => `
    SELECT DISTINCT ON (u.id) u.email, r.event_id,
           array(SELECT mine.id FROM reports mine WHERE mine.author_id = u.id
                 AND mine.deleted_at IS NULL LIMIT 20) AS report_ids
    FROM reports r JOIN users u ON u.id = r.author_id JOIN events e ON e.id = r.event_id
    WHERE ${livePerson} AND ${openEvent} AND r.deleted_at IS NULL
      AND (e.report_intake <> 'members' OR EXISTS (SELECT 1 FROM rsvps v
           WHERE v.event_id = e.id AND v.user_id = u.id AND v.status <> 'cancelled'))
    ORDER BY u.id ${order} LIMIT ${limit}`;

// Responders of events where the whole team sees every report, with some reports there, other
// than the events of the actors chosen before them ($2).
const responders = `
    SELECT u.email, ra.scope_id AS event_id,
           array(SELECT r.id FROM reports r WHERE r.event_id = ra.scope_id
                 AND r.deleted_at IS NULL ORDER BY r.number LIMIT 50) AS report_ids
    FROM role_assignments ra JOIN users u ON u.id = ra.user_id JOIN events e ON e.id = ra.scope_id
    WHERE ra.role = 'responder' AND ra.scope_type = 'event' AND ${liveRole} AND ${livePerson}
      AND ${openEvent} AND e.responder_scope = 'all' AND e.report_count >= 20
      AND e.id <> ALL($2::uuid[])
    ORDER BY md5(ra.id::text) LIMIT $1`;

// What a run writes stays in the dataset, so no kind of actor writes where another's reads are
// measured: each kind's events ($2) are other than those of the kinds chosen before it.
// - Reporters list their own reports, submitters report: two sets that never meet (a set that did
//   both saw its lists grow from a few reports to hundreds over a day's runs). Reporters come
//   from the end of the ids, submitters from the start (twice as many as needed, so that any who
//   are also reporters, in a small dataset, can be left out).
// - Responders list their event's queue and open its reports; commenters are other responders,
//   of other events (when responders commented too, a day's runs took the comments on their
//   events' first reports from 402,000 to 576,000, and a queue, which counts each listed
//   report's comments, from 0.95 to 1.49 ms of the database's time).
// - Admins read audit logs, which every submission and comment lengthens (an event's queue grew
//   from 150 reports to 1,900 over a day's runs when responders listed the submitters' events).
const queries = {
  reporters: authors('DESC', '$1'),
  submitters: authors('ASC', '2 * $1::int'),
  responders,
  commenters: responders,
  // Organization admins, each with an event of their organization. Only where leaders see
  // incidents: elsewhere an event's audit log (which names reporters) is not theirs to read.
  admins: `
    SELECT u.email,
           (SELECT e.id FROM events e WHERE e.organization_id = ra.scope_id AND ${openEvent}
              AND e.id <> ALL($2::uuid[])
            ORDER BY e.report_count DESC LIMIT 1) AS event_id,
           '{}'::uuid[] AS report_ids
    FROM role_assignments ra JOIN users u ON u.id = ra.user_id
      JOIN organizations o ON o.id = ra.scope_id AND o.leaders_see_incidents
    WHERE ra.role = 'org_admin' AND ra.scope_type = 'organization' AND ${liveRole}
      AND ${livePerson}
    ORDER BY md5(ra.id::text) LIMIT $1`,
};

async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { status?: string };
  if (!res.ok || body.status !== 'signed_in') {
    throw new Error(`signing in ${email}: ${res.status} ${JSON.stringify(body)}`);
  }
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Finds `count` actors of each kind in the dataset and signs each in to Steward. */
export async function signInActors(
  databaseUrl: string,
  baseUrl: string,
  password: string,
  count: number,
): Promise<Actors> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const actors: Actors = {
    reporters: [],
    submitters: [],
    responders: [],
    commenters: [],
    admins: [],
  };
  const reporters = new Set<string>();
  try {
    const order = ['reporters', 'submitters', 'responders', 'commenters', 'admins'] as const;
    for (const kind of order) {
      // A reporter's own list is theirs wherever they reported: their events are not taken.
      const taken = [...actors.submitters, ...actors.responders, ...actors.commenters];
      const { rows } = await client.query<{
        email: string;
        event_id: string | null;
        report_ids: string[];
      }>(
        queries[kind],
        kind === 'reporters' || kind === 'submitters'
          ? [count]
          : [count, [...new Set(taken.map((a) => a.eventId))]],
      );
      for (const row of rows) {
        if (!row.event_id || actors[kind].length === count) continue;
        if (kind === 'submitters' && reporters.has(row.email)) continue;
        if (kind === 'reporters') reporters.add(row.email);
        const cookie = await signIn(baseUrl, row.email, password);
        actors[kind].push({ cookie, eventId: row.event_id, reportIds: row.report_ids });
      }
      if (actors[kind].length === 0) throw new Error(`the dataset has no ${kind} to play`);
    }
  } finally {
    await client.end();
  }
  return actors;
}
