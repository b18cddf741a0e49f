import { sql, type SQL } from 'drizzle-orm';
import { frozen } from '../../db/frozen.js';

/**
 * The assignees of report `reportId` who still count (SQL selecting `user_id`, in the order they
 * were assigned): those holding a live role in its event — explicit, or inherited as org_admin /
 * chapter_leader where the organization lets leaders see incidents — or an RSVP to it, confirmed
 * or waitlisted (an attendee is a reporter, SPEC §2). Being assigned grants access only while one
 * belongs to the event: a role that expired or was removed, or an RSVP cancelled, ends it
 * (SPEC §6), without anyone having to unassign. The engine's facts (access.ts), the list plans' SQL and
 * every list of assignees read assignees through this, so none of them can disagree.
 */
export function liveAssignments(reportId: SQL): SQL {
  return sql`select la.user_id from report_assignees la where la.report_id = ${reportId}
    and ${liveLa}`;
}

/**
 * SQL true when the assignment row `la` (of report_assignees) still counts: see
 * liveAssignments(). It finds the event through the report itself, so it can stand anywhere.
 */
function isLive(la: SQL): SQL {
  return sql`exists (select 1 from reports lr
    join events le on le.id = lr.event_id
    join organizations lo on lo.id = le.organization_id
    where lr.id = ${la}.report_id
      and (exists (
        select 1 from role_assignments lra
        where lra.user_id = ${la}.user_id
          and (lra.expires_at is null or lra.expires_at > now())
          and ((lra.scope_type = 'event' and lra.scope_id = le.id)
            or (lo.leaders_see_incidents and lra.scope_type = 'organization'
              and lra.role = 'org_admin' and lra.scope_id = le.organization_id)
            or (lo.leaders_see_incidents and lra.scope_type = 'chapter'
              and lra.role = 'chapter_leader' and lra.scope_id = le.chapter_id)))
        or exists (
          select 1 from rsvps lrs
          where lrs.event_id = le.id and lrs.user_id = ${la}.user_id
            and lrs.status in ('confirmed', 'waitlisted'))))`;
}

/** isLive() of the row `la`, as text once: every list repeats it (db/frozen.ts). */
const liveLa = frozen(isLive(sql`la`));

/**
 * SQL true when `userId` is a live assignee of the report (see liveAssignments): a probe of the
 * assignment's primary key first, so a report without that assignee costs one index lookup.
 */
export function liveAssignee(reportId: SQL, userId: SQL | string): SQL {
  return sql`exists (select 1 from report_assignees la
    where la.report_id = ${reportId} and la.user_id = ${userId} and ${liveLa})`;
}
