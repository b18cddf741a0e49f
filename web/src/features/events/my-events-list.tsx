import { Stack, Text, Title } from '@mantine/core';
import { useMyEvents } from '../../api/my-events';
import { ErrorAlert } from '../../components/error-alert';
import { EventList, EventRow } from './event-row';
import { Loading } from '../../components/loading';

/** The events the signed-in person holds a role in, under their organizations' names. */
export function MyEventsList() {
  const events = useMyEvents('', { enabled: true });
  if (events.isPending) return <Loading label="Loading your events" />;
  if (events.isError)
    return <ErrorAlert error={events.error} title="Your events could not be loaded" />;
  const groups = events.data.organizations.filter((o) => o.events.length > 0);
  if (groups.length === 0) {
    return (
      <Text>
        You have no role in any event yet. When someone adds you to an event team, or you create or
        attend an event, it appears here.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      {groups.map((org) => (
        <Stack key={org.id} gap="xs">
          <Title order={3} size="h4">
            {org.name}
          </Title>
          <EventList>
            {org.events.map((event) => (
              <EventRow key={event.id} event={event} />
            ))}
          </EventList>
        </Stack>
      ))}
      {events.data.truncated ? (
        <Text size="sm">
          These are some of your events: search all of them with the Events button at the top.
        </Text>
      ) : null}
    </Stack>
  );
}
