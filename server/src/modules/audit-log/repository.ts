import { createHash } from 'node:crypto';
import { and, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.js';
import { isUuid, likePattern } from '../../db/inputs.js';
import { preparedStatement } from '../../db/prepared.js';
import { auditEntries, chapters, users } from '../../db/schema/index.js';
import type { AuditFilters } from './schema.js';

// Reading the audit log. Nothing here writes it: entries are written only by
// server/src/audit/record.ts, and deleted only by the retention purge.

/** Which log is read: one event's, one organization's (with its chapters'), or the system's. */
export type AuditScope =
  { type: 'event'; id: string } | { type: 'organization'; id: string } | { type: 'system' };

// Every page of a log runs one statement, built once per shape (db/prepared.ts): which scope
// and which filters are given, and how. The values (the scope's id, the filters' values, the
// page) are bound when it runs, so a value can never change the SQL, only which shape is used.

/** The entries of exactly one scope; an organization's log holds its chapters' entries too. */
function scopeWhere(scope: AuditScope['type']): SQL {
  const id = sql.placeholder('scopeId');
  switch (scope) {
    case 'event':
      return and(eq(auditEntries.scopeType, 'event'), eq(auditEntries.scopeId, id))!;
    case 'organization':
      return or(
        and(eq(auditEntries.scopeType, 'organization'), eq(auditEntries.scopeId, id)),
        and(
          eq(auditEntries.scopeType, 'chapter'),
          inArray(
            auditEntries.scopeId,
            sql`(select ${chapters.id} from ${chapters} where ${chapters.organizationId} = ${id})`,
          ),
        ),
      )!;
    case 'system':
      return eq(auditEntries.scopeType, 'system');
  }
}

/** What decides a statement's SQL: the scope's kind and which filters there are, and how. */
interface Shape {
  scope: AuditScope['type'];
  actor: boolean;
  action: 'exact' | 'prefix' | null;
  targetType: boolean;
  targetId: boolean;
  from: boolean;
  to: boolean;
  outcome: boolean;
}

const shapeOf = (scope: AuditScope, f: AuditFilters): Shape => ({
  scope: scope.type,
  actor: !!f.actor,
  action: !f.action ? null : f.action.endsWith('*') || f.action.endsWith('.') ? 'prefix' : 'exact',
  targetType: !!f.targetType,
  targetId: !!f.targetId,
  from: !!f.from,
  to: !!f.to,
  outcome: !!f.outcome,
});

const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const dayAfter = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

/** The values a statement of `shapeOf(scope, f)` binds; absent ones are never read. */
function valuesOf(scope: AuditScope, f: AuditFilters) {
  // "report." and "auth.sign_in*" are prefixes; anything else is one action's exact name.
  const prefix = f.action?.endsWith('*') ? f.action.slice(0, -1) : f.action;
  return {
    scopeId: scope.type === 'system' ? null : scope.id,
    actor: f.actor ?? null,
    actorPattern: f.actor ? likePattern(f.actor) : null,
    action: shapeOf(scope, f).action === 'prefix' ? `${prefix!.replace(/_/g, '\\_')}%` : f.action,
    targetType: f.targetType ?? null,
    targetId: f.targetId ?? null,
    from: f.from ? dayStart(f.from).toISOString() : null,
    to: f.to ? dayAfter(f.to).toISOString() : null,
    outcome: f.outcome ?? null,
  };
}

/**
 * The filters as SQL conditions (ANDed with the scope). The actor is matched by id or name; by
 * email address only in the system log: an event's log holds attendees' RSVPs, and a search that
 * hits or misses would tell organizers addresses their owners did not share (SPEC §11).
 */
function filterWhere(shape: Shape): SQL[] {
  const where: SQL[] = [];
  const value = (name: keyof ReturnType<typeof valuesOf>) => sql.placeholder(name);
  if (shape.actor) {
    const pattern = value('actorPattern');
    const matches =
      shape.scope === 'system'
        ? sql`${users.name} ilike ${pattern} or ${users.email} ilike ${pattern}`
        : sql`${users.name} ilike ${pattern}`;
    const byText = sql`${auditEntries.actorId} in (select ${users.id} from ${users} where ${matches})`;
    where.push(or(eq(auditEntries.actorId, value('actor')), byText)!);
  }
  if (shape.action === 'prefix') where.push(like(auditEntries.action, value('action')));
  if (shape.action === 'exact') where.push(eq(auditEntries.action, value('action')));
  if (shape.targetType) where.push(eq(auditEntries.targetType, value('targetType')));
  if (shape.targetId) where.push(eq(auditEntries.targetId, value('targetId')));
  if (shape.from) where.push(gte(auditEntries.occurredAt, value('from')));
  if (shape.to) where.push(lt(auditEntries.occurredAt, value('to')));
  if (shape.outcome) where.push(eq(auditEntries.outcome, value('outcome')));
  return where;
}

/** The entries of the scope that pass the filters: one condition for pages and counts alike. */
const matching = (shape: Shape) => and(scopeWhere(shape.scope), ...filterWhere(shape));

const entryColumns = {
  id: auditEntries.id,
  occurredAt: auditEntries.occurredAt,
  actorId: auditEntries.actorId,
  actorName: users.name,
  scopeType: auditEntries.scopeType,
  scopeId: auditEntries.scopeId,
  action: auditEntries.action,
  outcome: auditEntries.outcome,
  targetType: auditEntries.targetType,
  targetId: auditEntries.targetId,
  before: auditEntries.before,
  after: auditEntries.after,
  reason: auditEntries.reason,
  requestId: auditEntries.requestId,
  ipAddress: auditEntries.ipAddress,
  userAgent: auditEntries.userAgent,
};

export type AuditRow = {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  scopeType: string;
  scopeId: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
};

/** `query` (a select from audit_entries, in Drizzle's dynamic mode): the scope's entries, paged. */
function paged<T extends PgSelect>(query: T, shape: Shape) {
  return (
    query
      // No foreign key on actor_id (an entry outlives its actor): a left join by hand.
      .leftJoin(users, eq(users.id, auditEntries.actorId))
      .where(matching(shape))
      .orderBy(desc(auditEntries.occurredAt), desc(auditEntries.id))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
  );
}

/**
 * A statement per shape, built by `build` the first time the shape is asked for and named after
 * it (PostgreSQL names are at most 63 bytes: the shape goes in as a digest).
 */
function perShape<P extends object>(
  kind: string,
  build: (db: Executor, shape: Shape, name: string) => P,
) {
  const statements = new Map<string, (db: Executor) => P>();
  return (db: Executor, shape: Shape) => {
    const key = JSON.stringify(shape);
    let statement = statements.get(key);
    if (!statement) {
      const name = `${kind}_${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
      statement = preparedStatement((executor) => build(executor, shape, name));
      statements.set(key, statement);
    }
    return statement(db);
  };
}

const entriesStatement = perShape('audit_entries', (db, shape, name) =>
  paged(db.select(entryColumns).from(auditEntries).$dynamic(), shape).prepare(name),
);

// The total rides on each row: an uncorrelated subquery, run once.
const pageStatement = perShape('audit_page', (db, shape, name) =>
  paged(
    db
      .select({
        ...entryColumns,
        total: sql<number>`(select count(*)::int from ${auditEntries} where ${matching(shape)})`,
      })
      .from(auditEntries)
      .$dynamic(),
    shape,
  ).prepare(name),
);

const countStatement = perShape('audit_count', (db, shape, name) =>
  db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEntries)
    .where(matching(shape))
    .prepare(name),
);

/** Entries of a scope matching the filters, newest first; `limit` rows from `offset`. */
export async function findEntries(
  db: Executor,
  scope: AuditScope,
  filters: AuditFilters,
  { limit, offset }: { limit: number; offset: number },
): Promise<AuditRow[]> {
  // A scope id that is no UUID names nothing; the routes have found the scope before this.
  if (scope.type !== 'system' && !isUuid(scope.id)) return [];
  return entriesStatement(db, shapeOf(scope, filters)).execute({
    ...valuesOf(scope, filters),
    limit,
    offset,
  });
}

/**
 * A page of entries and how many match in all, in one statement: the count rides on each row.
 * Only a page past the end, which has no row to carry it, costs a second statement.
 */
export async function pageOfEntries(
  db: Executor,
  scope: AuditScope,
  filters: AuditFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  if (scope.type !== 'system' && !isUuid(scope.id)) return { rows: [], total: 0 };
  const found = await pageStatement(db, shapeOf(scope, filters)).execute({
    ...valuesOf(scope, filters),
    ...page,
  });
  if (found.length === 0) {
    return { rows: [], total: page.offset === 0 ? 0 : await countEntries(db, scope, filters) };
  }
  const rows = found.map(({ total: _total, ...row }): AuditRow => row);
  return { rows, total: Number(found[0]!.total) };
}

/** How many entries of a scope match the filters. */
export async function countEntries(
  db: Executor,
  scope: AuditScope,
  filters: AuditFilters,
): Promise<number> {
  if (scope.type !== 'system' && !isUuid(scope.id)) return 0;
  const [row] = await countStatement(db, shapeOf(scope, filters)).execute(valuesOf(scope, filters));
  return Number(row?.n ?? 0);
}

export interface DeniedSignInRow {
  email: string;
  attempts: number;
  firstAt: Date;
  lastAt: Date;
  addresses: number;
  knownAccount: boolean;
}

/**
 * Refused sign-ins (system scope, `auth.sign_in` and its two-factor step) grouped by the address
 * tried, most recent first. A refused second step records no address: it is grouped under ''.
 */
export async function deniedSignIns(
  db: Executor,
  range: { from?: string | undefined; to?: string | undefined },
  { limit, offset }: { limit: number; offset: number },
): Promise<{ items: DeniedSignInRow[]; total: number }> {
  const email = sql<string>`coalesce(lower(${auditEntries.after}->>'email'), '')`;
  const where = and(
    eq(auditEntries.scopeType, 'system'),
    eq(auditEntries.outcome, 'denied'),
    or(eq(auditEntries.action, 'auth.sign_in'), like(auditEntries.action, 'auth.sign\\_in.%')),
    ...(range.from ? [gte(auditEntries.occurredAt, dayStart(range.from))] : []),
    ...(range.to ? [lt(auditEntries.occurredAt, dayAfter(range.to))] : []),
  );
  const grouped = db
    .select({
      email: email.as('email'),
      attempts: sql<number>`count(*)::int`.as('attempts'),
      firstAt: sql<Date>`min(${auditEntries.occurredAt})`.as('first_at'),
      lastAt: sql<Date>`max(${auditEntries.occurredAt})`.as('last_at'),
      addresses: sql<number>`count(distinct ${auditEntries.ipAddress})::int`.as('addresses'),
    })
    .from(auditEntries)
    .where(where)
    .groupBy(email)
    .as('g');
  const [items, [count]] = await Promise.all([
    db
      .select({
        email: grouped.email,
        attempts: grouped.attempts,
        firstAt: grouped.firstAt,
        lastAt: grouped.lastAt,
        addresses: grouped.addresses,
        // Qualified by hand: unqualified, "email" would name the users' column inside the subquery.
        knownAccount: sql<boolean>`exists (select 1 from ${users} where lower(${users.email}) = "g"."email")`,
      })
      .from(grouped)
      .orderBy(desc(grouped.lastAt), grouped.email)
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(grouped),
  ]);
  return {
    items: items.map((r) => ({
      ...r,
      firstAt: new Date(r.firstAt),
      lastAt: new Date(r.lastAt),
      attempts: Number(r.attempts),
      addresses: Number(r.addresses),
    })),
    total: Number(count?.n ?? 0),
  };
}
