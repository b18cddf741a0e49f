import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api } from './client';
import type { PageOf } from './page';

/** What a notification is about (SPEC §10). */
export type NotificationKind =
  | 'report.new'
  | 'report.assigned'
  | 'report.state'
  | 'report.comment'
  | 'role.changed'
  | 'invitation'
  | 'event.approved';

/** One notification, as `GET /api/notifications` lists it. */
export interface AppNotification {
  id: string;
  kind: NotificationKind;
  /** Written by the server for the reader: what happened, in one line. */
  title: string;
  /** A path of this app (`/reports/<id>`) where the thing it is about is. */
  link: string;
  createdAt: string;
  readAt: string | null;
  event: { id: string; name: string } | null;
  actor: { id: string; name: string } | null;
}

/** A page of notifications, newest first, with the reader's unread count beside it. */
export interface NotificationPage extends PageOf<AppNotification> {
  unread: number;
}

/** What the stream sends on connect and whenever something changes. */
export interface UnreadUpdate {
  unread: number;
  latest: AppNotification | null;
}

/** One kind of notification and the channels it goes through for the signed-in person. */
export interface NotificationPreference {
  kind: NotificationKind;
  label: string;
  description: string;
  inApp: boolean;
  email: boolean;
  /** Email cannot be turned off for this kind (an invitation must reach its person). */
  emailLocked: boolean;
}

export type NotificationPreferenceChange = Pick<NotificationPreference, 'kind' | 'inApp' | 'email'>;

export const NOTIFICATION_STREAM_PATH = '/api/notifications/stream';

const notificationsKey = ['notifications'] as const;
export const unreadCountKey = [...notificationsKey, 'unread-count'] as const;
const listsKey = [...notificationsKey, 'list'] as const;
const listKey = (page: number, pageSize: number, unreadOnly: boolean) =>
  [...listsKey, { page, pageSize, unreadOnly }] as const;
const preferencesKey = ['account', 'notification-preferences'] as const;

/**
 * The unread count. While the stream is open it sets this value itself and the query never asks;
 * `poll` (no stream, or a stream that keeps failing) asks every minute instead.
 */
export function useUnreadCount({ enabled, poll }: { enabled: boolean; poll: boolean }) {
  return useQuery({
    enabled: enabled && poll,
    queryKey: unreadCountKey,
    queryFn: () => api<{ unread: number }>('/api/notifications/unread-count').then((r) => r.unread),
    refetchInterval: poll ? 60_000 : false,
    refetchIntervalInBackground: false,
  });
}

/** A page of the signed-in person's notifications, newest first; all or only the unread. */
export function useNotifications(
  { page, pageSize, unreadOnly }: { page: number; pageSize: number; unreadOnly: boolean },
  opts: { enabled: boolean } = { enabled: true },
) {
  const queryClient = useQueryClient();
  return useQuery({
    enabled: opts.enabled,
    queryKey: listKey(page, pageSize, unreadOnly),
    queryFn: async () => {
      const params = new URLSearchParams({
        page: String(page),
        pageSize: String(pageSize),
        unread: String(unreadOnly),
      });
      const answer = await api<NotificationPage>(`/api/notifications?${params.toString()}`);
      // The freshest count there is: the badge follows it.
      queryClient.setQueryData(unreadCountKey, answer.unread);
      return answer;
    },
    placeholderData: keepPreviousData,
  });
}

/** The stream said something changed: the count as it says, and the lists asked again. */
export async function applyUnreadUpdate(queryClient: QueryClient, update: UnreadUpdate) {
  queryClient.setQueryData(unreadCountKey, update.unread);
  await queryClient.invalidateQueries({ queryKey: listsKey });
}

/** Drops every cached notification and count (on signing out). */
export function forgetNotifications(queryClient: QueryClient) {
  queryClient.removeQueries({ queryKey: notificationsKey });
}

/** Marks one notification read (opening it does too); the badge and lists follow at once. */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notification: AppNotification) =>
      api<{ notification: AppNotification }>(
        `/api/notifications/${encodeURIComponent(notification.id)}/read`,
        { method: 'POST' },
      ).then((r) => r.notification),
    onSuccess: async (read, before) => {
      // Shown read in every cached page and in the badge at once (the stream, or the next poll,
      // brings the server's count), then the lists asked again.
      queryClient.setQueriesData<NotificationPage>({ queryKey: listsKey }, (old) =>
        old ? { ...old, items: old.items.map((n) => (n.id === read.id ? read : n)) } : old,
      );
      if (before.readAt === null) {
        queryClient.setQueryData<number>(unreadCountKey, (n) =>
          n === undefined ? n : Math.max(0, n - 1),
        );
      }
      await queryClient.invalidateQueries({ queryKey: notificationsKey });
    },
  });
}

/** Marks every notification read. */
export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ unread: number }>('/api/notifications/read-all', { method: 'POST' }),
    onSuccess: async ({ unread }) => {
      queryClient.setQueryData(unreadCountKey, unread);
      await queryClient.invalidateQueries({ queryKey: listsKey });
    },
  });
}

/** The signed-in person's notification preferences: each kind, in the app and by email. */
export function useNotificationPreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: () =>
      api<{ items: NotificationPreference[] }>('/api/account/notification-preferences').then(
        (r) => r.items,
      ),
  });
}

/** Saves the preferences (every kind, as shown); the answer is the saved state. */
export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: NotificationPreferenceChange[]) =>
      api<{ items: NotificationPreference[] }>('/api/account/notification-preferences', {
        method: 'PUT',
        body: { items },
      }).then((r) => r.items),
    onSuccess: (items) => queryClient.setQueryData(preferencesKey, items),
  });
}
