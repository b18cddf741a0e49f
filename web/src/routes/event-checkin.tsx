import { Anchor, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { doorClosed, useCheckinOverview } from '../api/checkin';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { ClosedDoor } from '../features/checkin/closed-door';
import { SessionList } from '../features/checkin/session-list';
import { LoadFailed } from '../features/shared/load-failed';

/**
 * `/events/:eventId/check-in`, for event admins and checkiners: the sessions (or the event
 * itself) with their counts, kept fresh every few seconds; each opens its door page.
 */
export function CheckinPage() {
  const { eventId = '' } = useParams();
  const session = useSession();
  const overview = useCheckinOverview(eventId, { enabled: Boolean(session.data) });

  const gate = pageGate('Check-in', session, overview.error);
  if (gate) return gate;
  if (doorClosed(overview.error)) {
    // What it showed before goes: the sessions would offer doors that refuse.
    return (
      <Page title="Check-in">
        <ClosedDoor />
      </Page>
    );
  }
  if (!overview.data) {
    return (
      <Page title="Check-in">
        {overview.error ? (
          <LoadFailed
            error={overview.error}
            title="The check-in could not be loaded"
            retrying={overview.isFetching}
            onRetry={() => void overview.refetch()}
          />
        ) : (
          <Loading label="Loading the check-in" />
        )}
      </Page>
    );
  }
  const { event, sessions } = overview.data;
  return (
    <Page title={`Check-in: ${event.name}`}>
      <div>
        <Anchor component={Link} to={`/events/${encodeURIComponent(event.id)}`}>
          Back to {event.name}
        </Anchor>
      </div>
      {overview.error ? (
        <ErrorAlert error={overview.error} title="The counts could not be refreshed" />
      ) : null}
      <Text>
        {sessions.length > 1
          ? 'Pick the session at your door. The counts update every few seconds.'
          : 'Open the check-in at your door. The counts update every few seconds.'}
      </Text>
      <SessionList eventId={event.id} timeZone={event.timeZone} sessions={sessions} />
    </Page>
  );
}
