import type { ReactNode } from 'react';
import { Anchor, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { useMarkNotificationRead, type AppNotification } from '../../api/notifications';
import { safeNextPath } from '../auth/next-path';
import { formatInstant } from '../shared/instant';
import classes from './notifications.module.css';

/** Where a notification leads: its link when it is a path of this app, else the full list. */
export const notificationPath = (n: AppNotification) => safeNextPath(n.link) ?? '/notifications';

/**
 * One notification in a list: its title linking to what it is about (opening it marks it read),
 * the event, who did it and when; an unread one has a dot and says so to screen readers.
 * `actions` sit at its end (the page's "Mark as read").
 */
export function NotificationItem({
  notification,
  onOpen,
  actions,
}: {
  notification: AppNotification;
  /** After the link is followed (the header's panel closes). */
  onOpen?: () => void;
  actions?: ReactNode;
}) {
  const markRead = useMarkNotificationRead();
  const unread = notification.readAt === null;
  const meta = [
    notification.event?.name,
    notification.actor ? `by ${notification.actor.name}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className={classes.item} data-unread={unread || undefined}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <span className={unread ? classes.dot : classes.noDot} aria-hidden />
        <Stack gap={2} miw={0} style={{ flex: 1 }}>
          <Anchor
            component={Link}
            to={notificationPath(notification)}
            fw={unread ? 700 : 500}
            className={classes.title}
            onClick={() => {
              if (unread) markRead.mutate(notification);
              onOpen?.();
            }}
          >
            {unread ? <VisuallyHidden>Unread: </VisuallyHidden> : null}
            {notification.title}
          </Anchor>
          <Text size="xs" c="dimmed" className={classes.meta}>
            {meta ? `${meta} · ` : ''}
            <time dateTime={notification.createdAt}>{formatInstant(notification.createdAt)}</time>
          </Text>
        </Stack>
        {actions}
      </Group>
    </li>
  );
}

/** A list of notifications (an unordered list without bullets). */
export function NotificationList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className={classes.list} aria-label={label}>
      {children}
    </ul>
  );
}
