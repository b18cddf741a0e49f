import { Badge, Group, Stack, Text } from '@mantine/core';
import type { KindCounts, RsvpSummary } from '../../api/rsvps';

const line = (label: string, { capacity, confirmed, waitlisted }: KindCounts) =>
  `${label}: ${confirmed} confirmed ${capacity === null ? '(no limit)' : `of ${capacity} places`} · ${waitlisted} waitlisted`;

/** How full the event is: confirmed against capacity and waitlisted, per kind; open or closed. */
export function PlacesSummary({ summary }: { summary: RsvpSummary }) {
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Badge variant="outline" color={summary.open ? 'teal.9' : 'gray.8'}>
          {summary.open ? 'RSVPs open' : 'RSVPs closed'}
        </Badge>
      </Group>
      <Text>{line('Attendees', summary.attendee)}</Text>
      <Text>{line('Volunteers', summary.volunteer)}</Text>
    </Stack>
  );
}
