import { Alert, Group, Image, Stack, Text } from '@mantine/core';
import type { EventDetails } from '../../api/events';
import { formatEventDays } from './event-dates';
import { MyRoleBadge } from './role-badge';
import { EventStatusBadge } from './status-badge';
import classes from './event-header.module.css';

/** Under an event's name: its logo, where it belongs, its state and flags, and its dates. */
export function EventHeader({ event }: { event: EventDetails }) {
  const days = formatEventDays(event.startsOn, event.endsOn);
  return (
    <Stack gap="sm">
      <Group gap="md" wrap="nowrap" align="flex-start">
        {event.logoUrl ? (
          // Beside the name, which says the same: decorative.
          <Image src={event.logoUrl} alt="" w={64} h={64} radius="sm" className={classes.logo} />
        ) : null}
        <Stack gap={6} miw={0}>
          <Text className={classes.wrap}>
            {/* Not a link: not everyone with a role in the event may open its organization. */}
            {event.organization.name}
            {event.chapter ? ` · ${event.chapter.name}` : ''}
          </Text>
          <Group gap={6} wrap="wrap">
            <EventStatusBadge event={event} />
            {event.myRole ? <MyRoleBadge role={event.myRole} /> : null}
          </Group>
          <Text size="sm">{days ? `${days} · ${event.timeZone}` : 'No dates yet'}</Text>
        </Stack>
      </Group>
      {event.spam ? (
        <Alert color="red" title="Flagged as spam">
          The event is hidden everywhere and takes no reports. Nothing is deleted.
        </Alert>
      ) : null}
      {event.suspended ? (
        <Alert color="red" title="Suspended">
          Until the event is reinstated, only its admins can open it, to fix it. Nothing is deleted.
        </Alert>
      ) : null}
      {event.status === 'archived' ? (
        <Alert color="gray" title="Archived">
          The event is read-only. Its data is kept.
        </Alert>
      ) : null}
    </Stack>
  );
}
