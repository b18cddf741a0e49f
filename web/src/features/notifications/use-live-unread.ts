import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  applyUnreadUpdate,
  forgetNotifications,
  NOTIFICATION_STREAM_PATH,
  useUnreadCount,
  type AppNotification,
  type UnreadUpdate,
} from '../../api/notifications';

/** Errors in a row, without a message between them, after which the stream gives way to polling. */
export const STREAM_ERRORS_BEFORE_POLLING = 3;
/** How long polling lasts before the stream is tried again. */
const STREAM_RETRY_MS = 5 * 60_000;

const parse = (data: unknown): UnreadUpdate | null => {
  try {
    const value = JSON.parse(String(data)) as Partial<UnreadUpdate>;
    return typeof value.unread === 'number'
      ? { unread: value.unread, latest: value.latest ?? null }
      : null;
  } catch {
    return null;
  }
};

/**
 * The signed-in person's unread count, kept live: one EventSource for the tab while `userId` is
 * set (closed when it is not: signed out, or someone else signed in), polling every minute where
 * there is no EventSource or the stream keeps failing. `arrived` is the latest notification that
 * came in while the tab was open (not the one already there when the stream connected), for a
 * polite announcement.
 */
export function useLiveUnread(userId: string | null) {
  const queryClient = useQueryClient();
  const [failed, setFailed] = useState(false);
  const [arrived, setArrived] = useState<{ userId: string; notification: AppNotification }>();
  const noEventSource = typeof globalThis.EventSource !== 'function';
  const poll = Boolean(userId) && (noEventSource || failed);
  const count = useUnreadCount({ enabled: Boolean(userId), poll });

  useEffect(() => {
    if (!userId || noEventSource || failed) return;
    const source = new EventSource(NOTIFICATION_STREAM_PATH);
    let errors = 0;
    // The newest notification known to this tab; the first message sets it, silently.
    let known: string | null | undefined;
    const onUnread = (message: MessageEvent) => {
      const update = parse(message.data);
      if (!update) return;
      errors = 0;
      const latest = update.latest;
      if (known !== undefined && latest && latest.id !== known && latest.readAt === null) {
        setArrived({ userId, notification: latest });
      }
      known = latest?.id ?? null;
      void applyUnreadUpdate(queryClient, update);
    };
    source.addEventListener('unread', onUnread as EventListener);
    source.onerror = () => {
      // The browser reconnects by itself; a stream that keeps failing (or was refused for good)
      // gives way to polling for a while.
      errors += 1;
      if (source.readyState === EventSource.CLOSED || errors >= STREAM_ERRORS_BEFORE_POLLING) {
        source.close();
        setFailed(true);
      }
    };
    return () => {
      source.removeEventListener('unread', onUnread as EventListener);
      source.onerror = null;
      source.close();
    };
  }, [userId, noEventSource, failed, queryClient]);

  useEffect(() => {
    if (!failed) return;
    const retry = window.setTimeout(() => setFailed(false), STREAM_RETRY_MS);
    return () => window.clearTimeout(retry);
  }, [failed]);

  // Signing out (or someone else signing in) leaves nothing of this person's notifications behind.
  useEffect(() => () => forgetNotifications(queryClient), [userId, queryClient]);

  return {
    unread: count.data ?? 0,
    arrived: arrived && arrived.userId === userId ? arrived.notification : null,
    polling: poll,
  };
}
