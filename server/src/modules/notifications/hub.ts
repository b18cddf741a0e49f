import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';

/** The PostgreSQL channel every app process listens on; a payload is a user id. */
export const NOTIFY_CHANNEL = 'steward_notifications';

/**
 * Tells every app process (through PostgreSQL NOTIFY, delivered when the transaction commits, and
 * never if it rolls back) that `userId` has something new.
 */
export async function signalUser(tx: Executor, userId: string) {
  await signalUsers(tx, [userId]);
}

/** signalUser() for several people, in one statement. */
export async function signalUsers(tx: Executor, userIds: readonly string[]) {
  if (userIds.length === 0) return;
  await tx.execute(
    sql`select pg_notify(${NOTIFY_CHANNEL}, id) from unnest(${sql.param([...userIds])}::text[]) as id`,
  );
}

type Listener = () => void;

/**
 * The live connections of this process, by user: a NOTIFY for a user wakes only that user's
 * streams. Knows nothing of the database; plugins/notifications.ts feeds it.
 */
export class NotificationHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(userId: string, listener: Listener): () => void {
    const set = this.listeners.get(userId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(userId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  /** Wakes one user's streams. */
  dispatch(userId: string) {
    for (const listener of this.listeners.get(userId) ?? []) listener();
  }

  /** Wakes every stream: after a lost listening connection, something may have been missed. */
  dispatchAll() {
    for (const set of this.listeners.values()) for (const listener of set) listener();
  }

  /** How many streams one person has open here. */
  listenersOf(userId: string): number {
    return this.listeners.get(userId)?.size ?? 0;
  }

  get connections(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
