import { Badge, Group } from '@mantine/core';
import type { EventStatus, EventSummary } from '../../api/event-summary';

/** Each status in words. */
export const statusLabel: Record<EventStatus, string> = {
  draft: 'Draft',
  pending_approval: 'Waiting for approval',
  active: 'Active',
  archived: 'Archived',
};

// Dark shades keep the white text of filled badges at AA contrast.
const statusColor: Record<EventStatus, string> = {
  draft: 'gray.8',
  pending_approval: 'grape.9',
  active: 'teal.9',
  archived: 'dark.6',
};

/** An event's status, and its suspended and spam flags when set. */
export function EventStatusBadge({
  event,
}: {
  event: Pick<EventSummary, 'status' | 'suspended' | 'spam'>;
}) {
  return (
    <Group component="span" gap={6} wrap="wrap">
      <Badge component="span" variant="filled" color={statusColor[event.status]}>
        {statusLabel[event.status]}
      </Badge>
      {event.suspended ? (
        <Badge component="span" variant="outline" color="red.8">
          Suspended
        </Badge>
      ) : null}
      {event.spam ? (
        <Badge component="span" variant="outline" color="red.8">
          Spam
        </Badge>
      ) : null}
    </Group>
  );
}
