import { Anchor, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { doorClosed, useCheckinOverview } from '../api/checkin';
import { useSession } from '../api/session';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { CheckinDesk } from '../features/checkin/checkin-desk';
import { ClosedDoor } from '../features/checkin/closed-door';
import { checkinPath, sessionFromSegment } from '../features/checkin/session-path';
import { formatSessionTime } from '../features/shared/session-times';
import { LoadFailed } from '../features/shared/load-failed';
import { NotFoundPage } from './not-found';

/**
 * `/events/:eventId/check-in/:sessionId` (`event` for the event itself): the door page of one
 * session, made for a phone. The session's name comes from the event's check-in overview.
 */
export function CheckinSessionPage() {
  const { eventId = '', sessionId: segment = '' } = useParams();
  const sessionId = sessionFromSegment(segment);
  const session = useSession();
  // The counts come with the people; the overview is only for the names, asked for until it
  // first loads.
  const overview = useCheckinOverview(eventId, { enabled: Boolean(session.data), poll: false });
  const search = useRef<HTMLInputElement>(null);
  const ready = Boolean(overview.data);
  // At the door the search box comes first: focus it once the page shows (this runs after the
  // page's own effect, which focuses its heading).
  useEffect(() => {
    if (ready) search.current?.focus();
  }, [ready, segment]);

  const gate = pageGate('Check-in', session, overview.error);
  if (gate) return gate;
  if (!overview.data) {
    return (
      <Page title="Check-in">
        {doorClosed(overview.error) ? (
          <ClosedDoor />
        ) : overview.error ? (
          // Asked again every few seconds until it loads, and at once with the button.
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
  const current = sessions.find((s) => s.id === sessionId);
  if (!current) return <NotFoundPage />;
  const name = current.id === null ? event.name : current.name;
  return (
    <Page title={`Check-in: ${name}`} heading={name}>
      <div>
        {current.id !== null ? (
          <Text size="sm" c="dimmed">
            {event.name}
            {current.startsAt && current.endsAt
              ? ` · ${formatSessionTime(current.startsAt, current.endsAt, event.timeZone)}`
              : ''}
          </Text>
        ) : null}
        <Anchor component={Link} to={checkinPath(event.id)} size="sm">
          {sessions.length > 1 ? 'All sessions' : 'Back to the check-in'}
        </Anchor>
      </div>
      <CheckinDesk
        eventId={event.id}
        sessionId={sessionId}
        timeZone={event.timeZone}
        searchRef={search}
      />
    </Page>
  );
}
