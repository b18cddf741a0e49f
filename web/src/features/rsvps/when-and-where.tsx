import { Anchor, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { PublicEvent } from '../../api/events';
import type { EventSession } from '../../api/sessions';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Section } from '../../components/section';
import { formatEventDays } from '../events/event-dates';
import { LocationText } from '../listings/location-text';
import { SessionList } from './session-list';

/**
 * Where and when an event takes place, for its public page: its days, its location, an "Add to
 * calendar" file, and its sessions (each at its time in the event's time zone, and its own
 * location where it has one).
 */
export function WhenAndWhere({
  event,
  sessions,
}: {
  event: PublicEvent;
  sessions: UseQueryResult<EventSession[]>;
}) {
  const days = formatEventDays(event.startsOn, event.endsOn);
  const list = sessions.data ?? [];
  return (
    <>
      <Section title="When and where">
        <Stack gap="xs">
          <Text>{days ? `${days} (${event.timeZone})` : 'The dates are not announced yet.'}</Text>
          {event.location ? (
            <LocationText location={event.location} />
          ) : (
            <Text>The place is not announced yet.</Text>
          )}
          {/* Null while there is no feed (a preview, or neither dates nor sessions). */}
          {event.calendarUrl ? (
            <Anchor href={event.calendarUrl} fw={600}>
              Add to calendar
              <Text component="span" size="sm" fw={400} c="dimmed">
                {' '}
                (an .ics file for your calendar app)
              </Text>
            </Anchor>
          ) : null}
        </Stack>
      </Section>
      {sessions.error ? (
        <ErrorAlert error={sessions.error} title="The sessions could not be loaded" />
      ) : sessions.isPending ? (
        <Loading label="Loading the sessions" />
      ) : list.length > 0 ? (
        <Section title="Sessions">
          <Text size="sm">Times are in {event.timeZone}.</Text>
          <SessionList sessions={list} timeZone={event.timeZone} label="Sessions" />
        </Section>
      ) : null}
    </>
  );
}
