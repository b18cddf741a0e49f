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
import { openStates, queuePath, useReportCounts } from '../api/report-lists';
import { stateLabel } from '../features/reports/shared/state-badge';

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

/** For the response team: the event's open reports counted by state, and the way to its queue. */
function EventReports({ event }: { event: EventDetails }) {
  const counts = useReportCounts(event.id, { enabled: true });
  const open = counts.data ? openStates.filter((s) => counts.data[s] > 0) : [];
  return (
    <Section title="Reports">
      {counts.data ? (
        <Text>
          {open.length === 0
            ? 'No open reports.'
            : open.map((s) => `${stateLabel(s)}: ${counts.data[s]}`).join(' · ')}
        </Text>
      ) : null}
      <div>
        <Button component={Link} to={queuePath(event.id)} variant="default">
          Open the reports
        </Button>
      </div>
    </Section>
  );
}

function Dashboard({ event }: { event: EventDetails }) {
  const { can } = event;
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
        {can.viewAudit ? (
          <Anchor component={Link} to={`${path}/audit`}>
            Audit log
          </Anchor>
        ) : null}
        {can.viewAttendees ? (
          <Anchor component={Link} to={`${path}/attendees`}>
            Attendees
          </Anchor>
        ) : null}
        {can.checkIn ? (
          <Anchor component={Link} to={`${path}/check-in`}>
            Check-in
          </Anchor>
        ) : null}
      </Group>
      <SetupChecklist event={event} />
      <FirstAdminInvitation event={event} />
      {can.listReports ? <EventReports event={event} /> : null}
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
          {can.report && !can.listReports ? (
            <Text size="sm">
              Reports you have submitted are in{' '}
              <Anchor component={Link} to="/reports/mine">
                My reports
              </Anchor>
              .
            </Text>
          ) : null}
        </Section>
      ) : null}
    </Page>
  );
}
