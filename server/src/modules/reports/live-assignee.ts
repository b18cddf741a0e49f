import { sql, type SQL } from 'drizzle-orm';

/**
 * SQL true when `userId` is an assignee of the report `reportId` AND still holds a live role in
 * its event (explicit, or inherited as org_admin / chapter_leader). Being assigned grants access
 * only while one belongs to the event: a role that expired or was removed ends it (SPEC §6),
 * without anyone having to unassign. Both the engine's facts (access.ts) and the list plans'
 * SQL (lists.ts) read assignees through this, so the two cannot disagree.
 */
export function liveAssignee(reportId: SQL | string, userId: SQL | string): SQL {
  return sql`exists (
    select 1 from report_assignees la
    join reports lr on lr.id = la.report_id
    join events le on le.id = lr.event_id
    where la.report_id = ${reportId} and la.user_id = ${userId}
      and exists (
        select 1 from role_assignments lra
        where lra.user_id = la.user_id
          and (lra.expires_at is null or lra.expires_at > now())
          and ((lra.scope_type = 'event' and lra.scope_id = le.id)
            or (lra.scope_type = 'organization' and lra.role = 'org_admin' and lra.scope_id = le.organization_id)
            or (lra.scope_type = 'chapter' and lra.role = 'chapter_leader' and lra.scope_id = le.chapter_id))
      )
  )`;
}
