import { Button, Group, SegmentedControl, Text } from '@mantine/core';
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  type AppNotification,
} from '../api/notifications';
import { pageCount } from '../api/page';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Pager } from '../components/pager';
import { useAddressSearch } from '../components/use-address-search';
import { NotificationItem, NotificationList } from '../features/notifications/notification-item';

export const NOTIFICATIONS_PAGE_SIZE = 20;

const unreadWords = (n: number) => (n === 1 ? '1 unread' : `${n} unread`);

/**
 * Every notification of the signed-in person (`/notifications`), newest first: all or only the
 * unread (`?show=unread`, kept in the address with the page), each marked read when opened or
 * with its own button, or all at once.
 */
export function NotificationsPage() {
  const session = useSession();
  const { page, goTo, filter, setFilter } = useAddressSearch();
  const unreadOnly = filter('show') === 'unread';
  const list = useNotifications(
    { page, pageSize: NOTIFICATIONS_PAGE_SIZE, unreadOnly },
    { enabled: Boolean(session.data) },
  );
  const markAll = useMarkAllNotificationsRead();

  const gate = pageGate('Notifications', session, list.error);
  if (gate) return gate;
  const data = list.data;
  return (
    <Page title="Notifications" wide>
      <Group justify="space-between" gap="sm">
        <SegmentedControl
          aria-label="Show"
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => setFilter('show', v === 'unread' ? 'unread' : null)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'unread', label: 'Unread' },
          ]}
        />
        <Button
          variant="default"
          onClick={() => markAll.mutate()}
          loading={markAll.isPending}
          disabled={!data || data.unread === 0}
        >
          Mark all as read
        </Button>
      </Group>
      {markAll.isError ? <ErrorAlert error={markAll.error} title="Not marked as read" /> : null}
      {list.error ? (
        <ErrorAlert error={list.error} title="Your notifications could not be loaded" />
      ) : null}
      {!data ? (
        list.isPending ? (
          <Loading label="Loading your notifications" />
        ) : null
      ) : data.items.length === 0 ? (
        <Text>
          {page > 1
            ? 'Nothing more on this page.'
            : unreadOnly
              ? 'Nothing unread. You are up to date.'
              : 'No notifications yet. New reports, assignments, changes to your roles and invitations appear here.'}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {data.total === 1 ? '1 notification' : `${data.total} notifications`}
            {unreadOnly ? ' unread' : `, ${unreadWords(data.unread)}`}. The newest first.
          </Text>
          <NotificationList label={unreadOnly ? 'Unread notifications' : 'Notifications'}>
            {data.items.map((n) => (
              <NotificationItem
                key={n.id}
                notification={n}
                actions={n.readAt === null ? <MarkReadButton notification={n} /> : null}
              />
            ))}
          </NotificationList>
        </>
      )}
      <Pager
        page={page}
        pages={pageCount(data)}
        onPage={goTo}
        label="Pages of your notifications"
      />
    </Page>
  );
}

function MarkReadButton({ notification }: { notification: AppNotification }) {
  const markRead = useMarkNotificationRead();
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      loading={markRead.isPending}
      onClick={() => markRead.mutate(notification)}
      aria-label={`Mark as read: ${notification.title}`}
    >
      Mark as read
    </Button>
  );
}
