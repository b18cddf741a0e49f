import type { ReactNode } from 'react';
import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { EventSummary } from '../../api/event-summary';
import { formatEventDays } from './event-dates';
import { MyRoleBadge } from './role-badge';
import { EventStatusBadge } from './status-badge';
import classes from './event-row.module.css';

/** A list of events (an unordered list without bullets). */
export function EventList({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <Stack component="ul" gap="xs" className={classes.list} aria-label={label}>
      {children}
    </Stack>
  );
}

/**
 * One event in a list: its name linking to the event, status and flags, the caller's role, when
 * and where (chapter, and the organization where the list mixes them); actions below.
 */
export function EventRow({
  event,
  showOrganization = false,
  children,
}: {
  event: EventSummary;
  showOrganization?: boolean;
  children?: ReactNode;
}) {
  const where = [
    formatEventDays(event.startsOn, event.endsOn) ?? 'No dates yet',
    showOrganization ? event.organization.name : null,
    event.chapter ? `${event.chapter.name} chapter` : null,
  ].filter(Boolean);
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Stack gap={6}>
        <Anchor
          component={Link}
          to={`/events/${encodeURIComponent(event.id)}`}
          fw={600}
          className={classes.name}
        >
          {event.name}
        </Anchor>
        <Group gap="xs" wrap="wrap">
          <EventStatusBadge event={event} />
          {event.myRole ? <MyRoleBadge role={event.myRole} /> : null}
        </Group>
        <Text size="sm" c="dimmed">
          {where.join(' · ')}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}
