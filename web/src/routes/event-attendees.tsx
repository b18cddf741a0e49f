import { useMemo } from 'react';
import { Anchor, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useAttendees } from '../api/attendees';
import { useEvent } from '../api/events';
import { useSession } from '../api/session';
import { useSessions } from '../api/sessions';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Section } from '../components/section';
import { useAddressSearch } from '../components/use-address-search';
import { AttendeeList, attendeeFilter } from '../features/attendees/attendee-list';
import { MessageForm } from '../features/attendees/message-form';
import { MessageHistory } from '../features/attendees/message-history';
import { PlacesSummary } from '../features/attendees/places-summary';
import { checkinPath } from '../features/checkin/session-path';

/**
 * `/events/:eventId/attendees`, for the event's admins: how full the event is, the people who
 * RSVP'd (their addresses only where they shared them), checkiners, and messages to them.
 */
export function EventAttendeesPage() {
  const { eventId = '' } = useParams();
  const session = useSession();
  const search = useAddressSearch();
  const event = useEvent(eventId, { enabled: Boolean(session.data) });
  const allowed = Boolean(event.data?.can.viewAttendees);
  const list = useAttendees(eventId, attendeeFilter(search), { enabled: allowed });
  const sessions = useSessions(eventId, { enabled: allowed });
  const sessionNames = useMemo(
    () =>
      sessions.data && sessions.data.length > 0
        ? new Map(sessions.data.map((s) => [s.id, s.name]))
        : null,
    [sessions.data],
  );

  const gate = pageGate('Attendees', session, event.error);
  if (gate) return gate;
  if (!event.data) {
    return (
      <Page title="Attendees">
        {event.error ? (
          <ErrorAlert error={event.error} title="The event could not be loaded" />
        ) : (
          <Loading label="Loading the event" />
        )}
      </Page>
    );
  }
  const { name, can } = event.data;
  const back = `/events/${encodeURIComponent(event.data.id)}`;
  if (!can.viewAttendees) {
    return (
      <Page title={`Attendees of ${name}`} heading="Attendees">
        <Text>The attendee list of {name} is open only to its admins.</Text>
        <div>
          <Anchor component={Link} to={back}>
            Back to {name}
          </Anchor>
        </div>
      </Page>
    );
  }
  const summary = list.data?.summary;
  return (
    <Page title={`Attendees of ${name}`} heading={`Attendees: ${name}`} wide>
      <div>
        <Anchor component={Link} to={back}>
          Back to {name}
        </Anchor>
        {can.checkIn ? (
          <>
            {' · '}
            <Anchor component={Link} to={checkinPath(event.data.id)}>
              Check-in
            </Anchor>
          </>
        ) : null}
      </div>
      <Section title="Places">
        {summary ? <PlacesSummary summary={summary} /> : <Loading label="Loading the counts" />}
      </Section>
      <Section title="People">
        <Text size="sm">
          Email addresses show only for people who chose to share them with the organizers.
        </Text>
        <AttendeeList
          eventId={event.data.id}
          search={search}
          list={list}
          sessionNames={sessionNames}
          canAssign={Boolean(can.assignCheckiners)}
        />
      </Section>
      <Section title="Message attendees">
        {summary ? (
          <MessageForm eventId={event.data.id} summary={summary} />
        ) : (
          <Loading label="Loading the counts" />
        )}
        <Title order={3} size="h4">
          Sent messages
        </Title>
        <MessageHistory eventId={event.data.id} />
      </Section>
    </Page>
  );
}
