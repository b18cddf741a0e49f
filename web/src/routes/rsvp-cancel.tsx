import { useEffect } from 'react';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useCancelByLink, useRsvpCancellation, type RsvpCancellation } from '../api/rsvps';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { formatEventDays } from '../features/events/event-dates';
import { forgetRsvpCancelToken, useRsvpCancelToken } from '../features/rsvps/cancel-token';
import { kindLabel } from '../features/rsvps/rsvp-words';

const TITLE = 'Cancel your RSVP';

/**
 * The cancellation link of an RSVP's emails (`/rsvp/cancel#<token>`), no sign-in needed: what
 * the RSVP is, a button to cancel it, then the result. The token stays out of the address bar
 * and is kept in this tab only, for a reload.
 */
export function RsvpCancelPage() {
  const token = useRsvpCancelToken();
  const link = useRsvpCancellation(token);
  const refused = link.error instanceof ApiError && [400, 404].includes(link.error.status);

  useEffect(() => {
    if (refused) forgetRsvpCancelToken();
  }, [refused]);

  if (!token || refused) return <NotValid />;
  if (link.error) {
    return (
      <Page title={TITLE}>
        <ErrorAlert error={link.error} title="The link could not be checked" />
        <div>
          <Button onClick={() => void link.refetch()} loading={link.isFetching}>
            Try again
          </Button>
        </div>
      </Page>
    );
  }
  if (!link.data) {
    return (
      <Page title={TITLE}>
        <Loading label="Checking the link" />
      </Page>
    );
  }
  return <CancelRsvp token={token} rsvp={link.data} />;
}

function CancelRsvp({ token, rsvp }: { token: string; rsvp: RsvpCancellation }) {
  const cancel = useCancelByLink(token);
  const eventPath = `/e/${encodeURIComponent(rsvp.event.slug)}`;
  const days = formatEventDays(rsvp.event.startsOn, null);
  const done = cancel.isSuccess || rsvp.status === 'cancelled';

  useEffect(() => {
    if (done) forgetRsvpCancelToken();
  }, [done]);

  if (done) {
    return (
      <Page title="RSVP cancelled">
        <Text>
          Your RSVP to <strong>{rsvp.event.name}</strong> is cancelled.
          {rsvp.status === 'waitlisted' ? ' You are off its waitlist.' : ''}
        </Text>
        <Text>Changed your mind? You can RSVP again on the event’s page while it takes RSVPs.</Text>
        <Anchor component={Link} to={eventPath}>
          Go to {rsvp.event.name}
        </Anchor>
      </Page>
    );
  }

  return (
    <Page title={TITLE}>
      <Text>
        Your RSVP to <strong>{rsvp.event.name}</strong>
        {days ? ` (${days})` : ''} as {kindLabel[rsvp.kind].toLowerCase()}:{' '}
        {rsvp.status === 'confirmed' ? 'you have a place.' : 'you are on the waitlist.'}
      </Text>
      <Text>
        {rsvp.status === 'confirmed'
          ? 'If you cancel, your place goes to the next person on the waitlist.'
          : 'If you cancel, you leave the waitlist.'}
      </Text>
      {cancel.error ? (
        <ErrorAlert error={cancel.error} title="Your RSVP was not cancelled" />
      ) : null}
      <Stack gap="sm" align="flex-start">
        <Button color="red.8" size="md" onClick={() => cancel.mutate()} loading={cancel.isPending}>
          Cancel my RSVP
        </Button>
        <Anchor component={Link} to={eventPath}>
          Keep it, and go to {rsvp.event.name}
        </Anchor>
      </Stack>
    </Page>
  );
}

/** A link that cancels nothing: said calmly, with what can be done instead. */
function NotValid() {
  return (
    <Page title={TITLE} heading="This link is not valid">
      <Stack gap="sm">
        <Text>
          It does not cancel an RSVP. Check that you opened the whole link from the email, including
          everything after the “#”.
        </Text>
        <Text>
          You can also sign in and cancel from{' '}
          <Anchor component={Link} to="/rsvps">
            My RSVPs
          </Anchor>
          , or on the event’s page.
        </Text>
      </Stack>
    </Page>
  );
}
