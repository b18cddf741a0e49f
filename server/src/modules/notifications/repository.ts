import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { events, notificationPreferences, notifications, users } from '../../db/schema/index.js';
import { alias } from 'drizzle-orm/pg-core';
import { preparedStatement } from '../../db/prepared.js';
import { NOTIFY_CHANNEL } from './hub.js';

/** What one notice says, the same for each of its recipients. */
export interface NoticeRow {
  kind: string;
  eventId: string | null;
  targetType: string | null;
  targetId: string | null;
  title: string;
  link: string;
  actorId: string | null;
}

/**
 * Gives each of `userIds` the notice and wakes their live streams, in one statement: the rows
 * are inserted, and a NOTIFY goes out for each (delivered when the transaction commits, never if
 * it rolls back; see hub.ts).
 */
export async function insertNotifications(
  tx: Executor,
  userIds: readonly string[],
  row: NoticeRow,
): Promise<void> {
  if (userIds.length === 0) return;
  await tx.execute(sql`with inserted as (
      insert into notifications
        (user_id, kind, event_id, target_type, target_id, title, link, actor_id)
      select id, ${row.kind}, ${row.eventId}::uuid, ${row.targetType}, ${row.targetId},
        ${row.title}, ${row.link}, ${row.actorId}
      from unnest(${sql.param([...userIds])}::text[]) as id
      returning user_id)
    select pg_notify(${NOTIFY_CHANNEL}, user_id) from inserted`);
}

/**
 * The people a notice may go to (live accounts only), with their address and what they chose
 * for notices of `kind` (null where they kept the default). One statement, built once.
 */
export async function recipientsOf(tx: Executor, userIds: readonly string[], kind: string) {
  if (userIds.length === 0) return [];
  return recipientsStatement(tx).execute({ ids: [...userIds], kind });
}

const recipientsStatement = preparedStatement((db) =>
  db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      inApp: notificationPreferences.inApp,
      byEmail: notificationPreferences.email,
    })
    .from(users)
    .leftJoin(
      notificationPreferences,
      and(
        eq(notificationPreferences.userId, users.id),
        eq(notificationPreferences.kind, sql.placeholder('kind')),
      ),
    )
    .where(
      and(
        sql`${users.id} = any(${sql.placeholder('ids')}::text[])`,
        isNull(users.deactivatedAt),
        isNull(users.deletedAt),
      ),
    )
    .prepare('notice_recipients'),
);

export async function preferencesOf(tx: Executor, userIds: readonly string[], kind?: string) {
  if (userIds.length === 0) return [];
  return tx
    .select()
    .from(notificationPreferences)
    .where(
      and(
        inArray(notificationPreferences.userId, [...userIds]),
        kind ? eq(notificationPreferences.kind, kind) : undefined,
      ),
    );
}

export async function savePreferences(
  tx: Executor,
  userId: string,
  items: { kind: string; inApp: boolean; email: boolean }[],
) {
  if (items.length === 0) return;
  await tx
    .insert(notificationPreferences)
    .values(items.map((i) => ({ userId, ...i })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: {
        inApp: sql`excluded.in_app`,
        email: sql`excluded.email`,
        updatedAt: new Date(),
      },
    });
}

const actor = alias(users, 'notification_actor');

/** A page of a person's notifications, newest first, restricted by `visible` (see service). */
export async function page(
  tx: Executor,
  userId: string,
  visible: SQL,
  opts: { unreadOnly: boolean; page: number; pageSize: number; id?: string },
) {
  const where = and(
    eq(notifications.userId, userId),
    visible,
    opts.unreadOnly ? isNull(notifications.readAt) : undefined,
    opts.id ? eq(notifications.id, opts.id) : undefined,
  );
  const [items, [total]] = await Promise.all([
    tx
      .select({
        notification: notifications,
        eventName: events.name,
        actorName: actor.name,
      })
      .from(notifications)
      .leftJoin(events, eq(events.id, notifications.eventId))
      .leftJoin(actor, eq(actor.id, notifications.actorId))
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize),
    tx.select({ n: count() }).from(notifications).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function unreadCount(tx: Executor, userId: string, visible: SQL) {
  const [row] = await tx
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), visible));
  return row?.n ?? 0;
}

/** Marks one (or, without `id`, every) unread notification of a person read; returns how many. */
export async function markRead(tx: Executor, userId: string, id?: string) {
  const rows = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        id ? eq(notifications.id, id) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}
