import { useId, useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Button,
  Drawer,
  Group,
  Popover,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { useMarkAllNotificationsRead, useNotifications } from '../../api/notifications';
import { ErrorAlert } from '../../components/error-alert';
import { NotificationItem, NotificationList } from './notification-item';
import { useLiveUnread } from './use-live-unread';
import classes from './notifications.module.css';

/** How many of the latest notifications the header's panel shows. */
export const PANEL_SIZE = 8;

export const unreadLabel = (unread: number) =>
  unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;

/**
 * The header's bell for a signed-in person: the unread count, live from the stream, opening the
 * latest notifications (a popover, a full-height drawer on phones). A notification that arrives
 * while the tab is open is announced politely; focus stays where it is.
 */
export function NotificationBell({ userId }: { userId: string }) {
  const { unread, arrived } = useLiveUnread(userId);
  const [opened, setOpened] = useState(false);
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const headingId = useId();
  const close = () => setOpened(false);

  const bell = (
    <ActionIcon
      variant="default"
      size={34}
      radius="md"
      className={classes.bell}
      aria-label={unreadLabel(unread)}
      onClick={() => setOpened((o) => !o)}
      // Focus stays on the bell when the panel opens, and the popover itself closes on Escape
      // only from inside it: the bell closes it too.
      onKeyDown={(e) => {
        if (e.key === 'Escape' && opened) {
          e.preventDefault();
          close();
        }
      }}
      {...(phone ? { 'aria-haspopup': 'dialog' as const, 'aria-expanded': opened } : {})}
    >
      <BellIcon />
      {unread > 0 ? (
        <span className={classes.count} aria-hidden>
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </ActionIcon>
  );
  const announcement = (
    // Polite, and not a role="status": pages keep that role for their own messages.
    <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="notification-announcer">
      {arrived ? `New notification: ${arrived.title}` : ''}
    </VisuallyHidden>
  );

  if (phone) {
    return (
      <>
        {bell}
        {announcement}
        <Drawer
          opened={opened}
          onClose={close}
          title="Notifications"
          closeButtonProps={{ 'aria-label': 'Close notifications' }}
          position="right"
          size="100%"
        >
          <NotificationPanel unread={unread} onClose={close} />
        </Drawer>
      </>
    );
  }
  return (
    <>
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        width={380}
        shadow="md"
        returnFocus
        // In the header landmark, right after the bell: the next stop for the keyboard.
        withinPortal={false}
        hideDetached={false}
      >
        <Popover.Target>{bell}</Popover.Target>
        <Popover.Dropdown aria-labelledby={headingId} className={classes.dropdown} p="sm">
          <Title order={2} size="h4" id={headingId} mb="xs">
            Notifications
          </Title>
          <NotificationPanel unread={unread} onClose={close} />
        </Popover.Dropdown>
      </Popover>
      {announcement}
    </>
  );
}

/** The latest notifications, "Mark all as read", and the way to all of them. */
function NotificationPanel({ unread, onClose }: { unread: number; onClose: () => void }) {
  const latest = useNotifications({ page: 1, pageSize: PANEL_SIZE, unreadOnly: false });
  const markAll = useMarkAllNotificationsRead();
  const items = latest.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs">
        <Text size="sm">{unread === 0 ? 'All read.' : `${unread} unread`}</Text>
        <Button
          variant="subtle"
          size="compact-sm"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all as read
        </Button>
      </Group>
      {markAll.isError ? <ErrorAlert error={markAll.error} title="Not marked as read" /> : null}
      {latest.isError ? (
        <ErrorAlert error={latest.error} title="Your notifications could not be loaded" />
      ) : latest.isPending ? (
        <Text size="sm">Loading your notifications…</Text>
      ) : items.length === 0 ? (
        <Text size="sm">
          Nothing yet. New reports, assignments, changes to your roles and invitations appear here.
        </Text>
      ) : (
        <div className={classes.scroll}>
          <NotificationList label="Latest notifications">
            {items.map((n) => (
              <NotificationItem key={n.id} notification={n} onOpen={onClose} />
            ))}
          </NotificationList>
        </div>
      )}
      <Anchor component={Link} to="/notifications" size="sm" onClick={onClose}>
        See all notifications
      </Anchor>
    </Stack>
  );
}

/** A bell, drawn here (no icon library); the button's label says what it is. */
function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15Z" />
      <path d="M10 20.5a2 2 0 0 0 4 0" />
    </svg>
  );
}
