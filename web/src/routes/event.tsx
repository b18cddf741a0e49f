import { Anchor, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useEvent, type EventDetails } from '../api/events';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Section } from '../components/section';
import { CodeOfConduct } from '../features/events/code-of-conduct';
import { EventHeader } from '../features/events/event-header';
import { FirstAdminInvitation } from '../features/events/first-admin-invitation';
import { LifecycleActions } from '../features/events/lifecycle-actions';
import { SetupChecklist } from '../features/events/setup-checklist';
import { Loading } from '../components/loading';
import { LeaveDialog } from '../features/teams/member-dialogs';
import { roleLabel } from '../features/shared/role-label';

const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/** An event's dashboard, adapted to the caller's role and to what they may do. */
export function EventPage() {
  const { eventId = '' } = useParams();
  const session = useSession();
  const event = useEvent(eventId, { enabled: Boolean(session.data) });

  const gate = pageGate('Event', session, event.error);
  if (gate) return gate;
  if (!event.data) {
    return (
      <Page title="Event">
        {event.error ? (
          <ErrorAlert error={event.error} title="The event could not be loaded" />
        ) : (
          <Loading label="Loading the event" />
        )}
      </Page>
    );
  }
  return <Dashboard event={event.data} />;
}

/**
 * The caller's own role here, and a way to give it up (SPEC §6); the server keeps the last admin
 * and says so. Only a role held in the event itself can be left here.
 */
function YourRole({ event }: { event: EventDetails }) {
  const [leaving, setLeaving] = useState(false);
  if (event.myRole?.via !== 'event') return null;
  return (
    <Section title="Your role">
      <Text>
        You are {roleLabel(event.myRole.role).toLowerCase()} of this event. You can leave it at any
        time; your own reports stay yours.
      </Text>
      <div>
        <Button variant="default" onClick={() => setLeaving(true)}>
          Leave this event
        </Button>
      </div>
      {leaving ? (
        <LeaveDialog
          kind="event"
          id={event.id}
          scopeName={event.name}
          onClose={() => setLeaving(false)}
        />
      ) : null}
    </Section>
  );
}

function Dashboard({ event }: { event: EventDetails }) {
  const { can } = event;
  const role = event.myRole?.role;
  const path = `/events/${encodeURIComponent(event.id)}`;
  const publicPath = `/e/${encodeURIComponent(event.slug)}`;
  return (
    <Page title={event.name} wide>
      <EventHeader event={event} />
      <LifecycleActions event={event} />
      <Group gap="md" wrap="wrap">
        {can.update || can.updateSettings ? (
          <Anchor component={Link} to={`${path}/settings`}>
            Settings
          </Anchor>
        ) : null}
        {can.viewTeam ? (
          <Anchor component={Link} to={`${path}/team`}>
            Team
            {event.counts.team !== null ? ` (${people(event.counts.team)})` : ''}
          </Anchor>
        ) : null}
        <Anchor component={Link} to={publicPath}>
          {event.status === 'active' ? 'Public page' : 'Preview the public page'}
        </Anchor>
      </Group>
      <SetupChecklist event={event} />
      <FirstAdminInvitation event={event} />
      {role === 'responder' || role === 'event_admin' ? (
        <Section title="Reports">
          <Text>
            Incident reports for this event will arrive here once incident reporting opens in
            Steward. Until then, people reach the team through the contact email on the public page.
          </Text>
        </Section>
      ) : null}
      <YourRole event={event} />
      {event.codeOfConductHtml.trim() || can.report ? (
        <Section title="Code of conduct">
          {event.codeOfConductHtml.trim() ? (
            <CodeOfConduct html={event.codeOfConductHtml} />
          ) : (
            <Text>This event has no code of conduct yet.</Text>
          )}
          {can.report ? (
            <div>
              <Button component={Link} to={`${publicPath}/report`} color="red.8">
                Report an incident
              </Button>
            </div>
          ) : null}
        </Section>
      ) : null}
    </Page>
  );
}
