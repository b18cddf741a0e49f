import {
  and,
  asc,
  count,
  desc,
  eq,
  inArray,
  isNull,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import { listPlan, type ActorFacts } from '@steward/permissions';
import { eventColumns, planWhere, type PlanColumns } from '../../authz/list-filter.js';
import { rowsOf, type Executor } from '../../db/connection.js';
import { frozen } from '../../db/frozen.js';
import { isUuid } from '../../db/inputs.js';
import {
  chapters,
  events,
  organizations,
  reportStates,
  reports,
  severities,
} from '../../db/schema/index.js';
import type { ReportState } from './states.js';
import { liveAssignee, liveAssignments } from './live-assignee.js';

// Every list of reports is filtered by the engine's list plan for `report.view`, compiled to SQL,
// so a list never shows a report that decide() would refuse. What of a listed report the caller
// sees as the team (severity, assignees, internal comments) is decided in the same SQL, from the
// plan for `report.comment.internal.view`.

/** The columns of a query over `reports` ⋈ `events` ⋈ `organizations`. */
export const reportColumns: PlanColumns = {
  ...eventColumns,
  authorId: reports.authorId,
  anonymous: reports.anonymous,
  assignedTo: (userId) => liveAssignee(sql`${reports.id}`, userId),
};

export interface QueueFilters {
  state?: string | undefined;
  severity?: string | undefined;
  type?: string | undefined;
  assignee?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  followUp?: 'true' | 'false' | undefined;
  sort: 'newest' | 'oldest' | 'updated' | 'severity' | 'number';
}

const listOf = (value: string | undefined, allowed: readonly string[]) =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => allowed.includes(v))
    : [];

/** SQL true when the report has no live assignee. */
const unassigned = frozen(sql`not exists (${liveAssignments(sql`${reports.id}`)})`);

/**
 * The conditions of the queue's filters, except state (counts are by state). Filters on the
 * team's triage (severity, assignee, follow-up) match only rows the caller sees as the team: an
 * author filtering their own reports by severity learns nothing of it.
 */
function filterConditions(f: QueueFilters, actor: ActorFacts): SQL[] {
  const where: SQL[] = [];
  const triage = (condition: SQL) => where.push(sql`(${condition}) and ${seesAsTeam}`);
  const sev = listOf(f.severity, [...severities, 'none']);
  if (sev.length) {
    const named = sev.filter((s) => s !== 'none');
    const parts: SQL[] = [];
    if (named.length) parts.push(inArray(reports.severity, named));
    if (sev.includes('none')) parts.push(isNull(reports.severity));
    triage(sql`(${sql.join(parts, sql` or `)})`);
  }
  if (f.type) where.push(sql`lower(${reports.type}) = ${f.type.toLowerCase()}`);
  if (f.assignee === 'none') {
    triage(unassigned);
  } else if (f.assignee) {
    const who = f.assignee === 'me' ? actor.userId : f.assignee;
    triage(who ? listColumns(actor, assignedToMe).assignedTo!(who) : sql`false`);
  }
  // Days in UTC; the arithmetic stays in SQL, where any valid date is in range.
  if (f.from)
    where.push(sql`${reports.submittedAt} >= ${f.from}::date::timestamp at time zone 'UTC'`);
  if (f.to) {
    where.push(sql`${reports.submittedAt} < (${f.to}::date + 1)::timestamp at time zone 'UTC'`);
  }
  if (f.q) where.push(sql`${reports.search} @@ websearch_to_tsquery('simple', ${f.q})`);
  if (f.followUp) triage(eq(reports.followUp, f.followUp === 'true'));
  return where;
}

/** The state filter on `column` (the report's state, or a copy of it), null when not asked. */
function stateCondition(f: Pick<QueueFilters, 'state'>, column: SQL): SQL | null {
  const states = listOf(f.state, reportStates);
  return f.state ? inArray(column, states.length ? states : ['none']) : null;
}

/** Severity as a number to sort by; 0 where the caller is not the team (see filterConditions). */
const severityRank = (team: SQL) =>
  sql`case when ${team} then (case ${reports.severity} when 'critical' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end) else 0 end`;

/** When the report last changed, as the caller may know it: for the author, its last state. */
const updatedFor = (team: SQL) =>
  sql<Date>`case when ${team} then ${reports.updatedAt} else coalesce((
    select max(h.at) from report_history h
    where h.report_id = ${reports.id} and h.kind = 'state'), ${reports.submittedAt}) end`;

interface SortKey {
  key: SQL | AnyColumn;
  dir: 'asc' | 'desc';
}

/** What a sort orders by, key by key. */
function sortKeys(sort: QueueFilters['sort'], team: SQL): SortKey[] {
  const up = (key: SortKey['key']): SortKey => ({ key, dir: 'asc' });
  const down = (key: SortKey['key']): SortKey => ({ key, dir: 'desc' });
  switch (sort) {
    case 'oldest':
      return [up(reports.submittedAt), up(reports.id)];
    case 'updated':
      return [down(updatedFor(team)), down(reports.id)];
    case 'severity':
      return [down(severityRank(team)), down(reports.submittedAt), down(reports.id)];
    case 'number':
      return [up(reports.number), up(reports.id)];
    case 'newest':
      return [down(reports.submittedAt), down(reports.id)];
  }
}

const orderOf = (sort: QueueFilters['sort'], team: SQL): SQL[] =>
  sortKeys(sort, team).map(({ key, dir }) => (dir === 'asc' ? asc(key) : desc(key)));

/**
 * What a list asks of each row about the caller, worked out once per row by a lateral join:
 * whether they are a live assignee (`assigned`), and whether they see the report as the team
 * (`sees`). The plans mention the assignee relation in several clauses, and the team's view in
 * every masked column, filter and sort: inlined, each mention was a subquery of its own, and the
 * plan of one list query ran to a hundred subplans that PostgreSQL set up on every execution.
 */
function rowFactsJoin(actor: ActorFacts, now: Date) {
  const assigned = actor.userId ? liveAssignee(sql`${reports.id}`, actor.userId) : sql`false`;
  const columns = listColumns(actor, sql`facts.assigned`);
  const team = planWhere(listPlan(actor, 'report.comment.internal.view', now), columns);
  // `offset 0` keeps PostgreSQL from pulling the subqueries up into the query, which would copy
  // each expression back into every place that names it.
  return sql`lateral (select facts.assigned, (${team}) as sees
    from (select ${assigned} as assigned offset 0) facts offset 0) as row_facts`;
}
const seesAsTeam = sql`row_facts.sees`;
const assignedToMe = sql`row_facts.assigned`;

/**
 * The plan's columns in a list with row_facts: the caller's own assignment is `assigned`, an SQL
 * boolean computed once per row; anyone else's is asked of the database as it comes.
 */
function listColumns(actor: ActorFacts, assigned: SQL): PlanColumns {
  return {
    ...reportColumns,
    assignedTo: (userId) =>
      userId === actor.userId ? assigned : liveAssignee(sql`${reports.id}`, userId),
  };
}
/** The list plan of `report.view` over a query with row_facts. */
const viewPlan = (actor: ActorFacts, now: Date) =>
  planWhere(listPlan(actor, 'report.view', now), listColumns(actor, assignedToMe));

/** Columns of a listed report; the team's part only where the caller is the team for it. */
function itemColumns() {
  const team = seesAsTeam;
  return {
    id: reports.id,
    number: reports.number,
    eventId: events.id,
    eventName: events.name,
    eventSlug: events.slug,
    title: reports.title,
    type: reports.type,
    state: reports.state,
    severity: sql<string | null>`case when ${team} then ${reports.severity} end`,
    anonymous: reports.anonymous,
    followUp: sql<boolean>`coalesce(case when ${team} then ${reports.followUp} end, false)`,
    assignees: sql<{ id: string; name: string }[] | null>`case when ${team} then (
      select json_agg(json_build_object('id', u.id, 'name', u.name) order by ra.assigned_at)
      from report_assignees ra join users u on u.id = ra.user_id
      where ra.report_id = ${reports.id} and ${liveAssignee(sql`${reports.id}`, sql`ra.user_id`)}) end`,
    submittedAt: reports.submittedAt,
    // For the author: the last change of state, so the team's own work does not show.
    updatedAt: updatedFor(team),
    commentCount: sql<number>`(select count(*)::int from report_comments c
      where c.report_id = ${reports.id} and c.deleted_at is null
        and (c.visibility = 'external' or (${team})))`,
  };
}

type ItemRow = Awaited<ReturnType<typeof visibleReports>>[number];

export function presentItem(r: ItemRow) {
  return {
    id: r.id,
    number: r.number,
    event: { id: r.eventId, name: r.eventName, slug: r.eventSlug },
    title: r.title,
    type: r.type,
    state: r.state as ReportState,
    severity: (r.severity ?? null) as 'low' | 'medium' | 'high' | 'critical' | null,
    anonymous: r.anonymous,
    followUp: Boolean(r.followUp),
    assignees: r.assignees ?? [],
    submittedAt: new Date(r.submittedAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    commentCount: Number(r.commentCount),
  };
}

/**
 * The reports the caller may see, with row_facts joined, from `query` (a select from `reports`,
 * in Drizzle's dynamic mode). Every list of reports is made through this, so none can skip the
 * plan.
 */
function visible<T extends PgSelect>(query: T, actor: ActorFacts, now: Date, where: SQL[]) {
  return query
    .innerJoin(events, eq(reports.eventId, events.id))
    .innerJoin(organizations, eq(events.organizationId, organizations.id))
    .leftJoin(rowFactsJoin(actor, now), sql`true`)
    .where(and(isNull(reports.deletedAt), viewPlan(actor, now), ...where));
}

const visibleReports = (tx: Executor, actor: ActorFacts, now: Date, where: SQL[]) =>
  visible(tx.select(itemColumns()).from(reports).$dynamic(), actor, now, where);

// The constant pieces of pageOfVisible's statement, as text once (db/frozen.ts): the columns of
// a listed item, and for each sort (on its first use) its keys' columns and their order over a
// table's sort_<i>.
const pageItems = frozen(
  sql.join(
    Object.entries(itemColumns()).map(([name, value]) => sql`${value} as ${sql.identifier(name)}`),
    sql`, `,
  ),
);

interface SortPieces {
  keyColumns: SQL;
  candidates: SQL;
  page: SQL;
}
const sortPieces = new Map<QueueFilters['sort'], SortPieces>();

function piecesOf(sort: QueueFilters['sort']): SortPieces {
  let pieces = sortPieces.get(sort);
  if (!pieces) {
    const keys = sortKeys(sort, seesAsTeam);
    const orderBy = (table: string) =>
      frozen(
        sql.join(
          keys.map(
            ({ dir }, i) =>
              sql`${sql.identifier(table)}.${sql.identifier(`sort_${i}`)} ${sql.raw(dir)}`,
          ),
          sql`, `,
        ),
      );
    pieces = {
      keyColumns: frozen(
        sql.join(
          keys.map(({ key }, i) => sql`${key} as ${sql.identifier(`sort_${i}`)}`),
          sql`, `,
        ),
      ),
      candidates: orderBy('c'),
      page: orderBy('row_facts'),
    };
    sortPieces.set(sort, pieces);
  }
  return pieces;
}

/**
 * One page of the reports the caller may see among those matching `where` (and the state filter
 * of `f`, for the page alone), with how many there are by state, in one statement. The permission filter runs
 * once over the candidates, which are kept with their row_facts and sort keys in a materialized
 * CTE; the counts are taken from them, the page is sorted and cut from them, and only its rows
 * are read again for their item columns. Two statements filtered every candidate twice and cost
 * Drizzle two builds of the plan.
 */
async function pageOfVisible(
  tx: Executor,
  actor: ActorFacts,
  where: SQL[],
  f: Pick<QueueFilters, 'state' | 'sort'>,
  page: { page: number; pageSize: number },
) {
  const now = new Date();
  const sort = piecesOf(f.sort);
  const query = sql`with candidates as materialized (
      select ${reports.id} as id, ${reports.state} as state, row_facts.assigned, row_facts.sees,
        ${sort.keyColumns}
      from ${reports}
      inner join ${events} on ${reports.eventId} = ${events.id}
      inner join ${organizations} on ${events.organizationId} = ${organizations.id}
      left join ${rowFactsJoin(actor, now)} on true
      where ${and(isNull(reports.deletedAt), viewPlan(actor, now), ...where)})
    select counts.by_state as "countsByState", page.* from (
      select coalesce(json_object_agg(s.state, s.n), '{}'::json) as by_state
      from (select state, count(*)::int as n from candidates group by state) s) counts
    left join lateral (
      select ${pageItems} from (
        select * from candidates c where ${stateCondition(f, sql`c.state`) ?? sql`true`}
        order by ${sort.candidates}
        limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}) row_facts
      inner join ${reports} on ${reports.id} = row_facts.id
      inner join ${events} on ${events.id} = ${reports.eventId}
      order by ${sort.page}) page on true`;
  const rows = rowsOf<ItemRow & { countsByState: Record<string, number> }>(await tx.execute(query));
  const counts = Object.fromEntries(reportStates.map((s) => [s, 0])) as Record<ReportState, number>;
  for (const [state, n] of Object.entries(rows[0]?.countsByState ?? {})) {
    if (state in counts) counts[state as ReportState] = Number(n);
  }
  // Without a page (none matched, or past the end) the one row is the counts alone.
  const listed = rows.filter((r) => r.id !== null);
  return { items: listed.map(presentItem), counts };
}

/** An event's queue: the reports the caller may see, filtered, sorted, paged; counts by state. */
export async function eventQueue(
  tx: Executor,
  actor: ActorFacts,
  eventId: string,
  f: QueueFilters & { page: number; pageSize: number },
) {
  const base = [eq(reports.eventId, eventId), ...filterConditions(f, actor)];
  const { items, counts } = await pageOfVisible(tx, actor, base, f, f);
  // The filtered total is the counts of the states asked for: the same rows, without a third
  // pass of the permission filter over them.
  const asked = new Set(f.state ? listOf(f.state, reportStates) : reportStates);
  const total = [...asked].reduce((sum, s) => sum + counts[s as ReportState], 0);
  return { items, total, counts };
}

/** Every report of an event that passes the filters, for an export (at most `limit`). */
export async function exportRows(
  tx: Executor,
  actor: ActorFacts,
  eventId: string,
  f: QueueFilters,
  limit: number,
) {
  const now = new Date();
  const state = stateCondition(f, sql`${reports.state}`);
  const where = [eq(reports.eventId, eventId), ...filterConditions(f, actor)];
  if (state) where.push(state);
  const columns = {
    report: reports,
    assigneeIds: sql<
      string[] | null
    >`(select array_agg(user_id) from (${liveAssignments(sql`${reports.id}`)}) live)`,
    assignees: sql<string | null>`(select string_agg(u.name, '; ' order by ra.assigned_at)
      from report_assignees ra join users u on u.id = ra.user_id
      where ra.report_id = ${reports.id} and ${liveAssignee(sql`${reports.id}`, sql`ra.user_id`)})`,
    reporterName: sql<string | null>`(select u.name from users u where u.id = ${reports.authorId})`,
    reporterEmail: sql<
      string | null
    >`(select u.email from users u where u.id = ${reports.authorId})`,
  };
  return visible(tx.select(columns).from(reports).$dynamic(), actor, now, where)
    .orderBy(...orderOf(f.sort, seesAsTeam))
    .limit(limit);
}

/** The caller's own reports, across every event, newest first. */
export async function myReports(
  tx: Executor,
  actor: ActorFacts,
  page: { page: number; pageSize: number },
) {
  if (!actor.userId) return { items: [], total: 0 };
  const mine = [eq(reports.authorId, actor.userId)];
  const { items, counts } = await pageOfVisible(tx, actor, mine, { sort: 'newest' }, page);
  return { items, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
}

/**
 * The responder's dashboard: each event where the caller is the team for some reports, with
 * counts by state over the reports they may see there, and the open reports assigned to them.
 */
export async function responderDashboard(
  tx: Executor,
  actor: ActorFacts,
  teamEventIds: readonly string[],
) {
  const now = new Date();
  const ids = teamEventIds.filter(isUuid);
  const team = planWhere(listPlan(actor, 'report.comment.internal.view', now), reportColumns);
  const [eventRows, counted, assigned] = await Promise.all([
    ids.length
      ? tx
          .select({
            id: events.id,
            name: events.name,
            slug: events.slug,
            orgId: organizations.id,
            orgName: organizations.name,
          })
          .from(events)
          .innerJoin(organizations, eq(events.organizationId, organizations.id))
          .leftJoin(chapters, eq(events.chapterId, chapters.id))
          .where(inArray(events.id, ids))
          .orderBy(asc(organizations.name), asc(events.name))
      : Promise.resolve([]),
    ids.length
      ? tx
          .select({
            eventId: reports.eventId,
            state: reports.state,
            n: count(),
            unassigned: sql<number>`count(*) filter (where ${reports.state} not in ('resolved', 'closed')
              and ${unassigned})`,
          })
          .from(reports)
          .innerJoin(events, eq(reports.eventId, events.id))
          .innerJoin(organizations, eq(events.organizationId, organizations.id))
          .where(and(isNull(reports.deletedAt), inArray(reports.eventId, ids), team))
          .groupBy(reports.eventId, reports.state)
      : Promise.resolve([]),
    actor.userId
      ? visibleReports(tx, actor, now, [
          assignedToMe,
          inArray(reports.state, ['submitted', 'acknowledged', 'investigating']),
        ])
          .orderBy(desc(severityRank(seesAsTeam)), asc(reports.submittedAt))
          .limit(50)
      : Promise.resolve([]),
  ]);
  return {
    events: eventRows.map((e) => {
      const counts = Object.fromEntries(reportStates.map((s) => [s, 0])) as Record<
        ReportState,
        number
      >;
      let unassigned = 0;
      for (const c of counted.filter((c) => c.eventId === e.id)) {
        counts[c.state as ReportState] = Number(c.n);
        unassigned += Number(c.unassigned);
      }
      return {
        id: e.id,
        name: e.name,
        slug: e.slug,
        organization: { id: e.orgId, name: e.orgName },
        counts,
        unassigned,
      };
    }),
    assignedToMe: assigned.map(presentItem),
  };
}
