import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useMyRsvps } from '../api/rsvps';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { MyRsvpRow } from '../features/rsvps/my-rsvp-row';
import classes from '../features/listings/listings.module.css';

const rsvps = (n: number) => (n === 1 ? '1 RSVP' : `${n} RSVPs`);

/**
 * The caller's RSVPs to upcoming events (`/rsvps`), the soonest first: status, sessions, the
 * event's page, and cancelling.
 */
export function MyRsvpsPage() {
  const session = useSession();
  const mine = useMyRsvps({ enabled: Boolean(session.data) });

  const gate = pageGate('My RSVPs', session, mine.error);
  if (gate) return gate;
  const items = mine.data;
  return (
    <Page title="My RSVPs">
      {/* Present from the start, so a cancellation's effect on the list is announced. */}
      <div role="status" aria-live="polite">
        {items ? (
          items.length === 0 ? (
            <Text>You have no RSVPs to upcoming events.</Text>
          ) : (
            <Text size="sm" c="dimmed">
              {rsvps(items.length)} to upcoming events, the soonest first.
            </Text>
          )
        ) : null}
      </div>
      {mine.error ? <ErrorAlert error={mine.error} title="Your RSVPs could not be loaded" /> : null}
      {!items ? (
        mine.isPending ? (
          <Loading label="Loading your RSVPs" />
        ) : null
      ) : items.length === 0 ? (
        <Text>
          Find one to go to among the{' '}
          <Anchor component={Link} to="/upcoming">
            upcoming events
          </Anchor>
          , and RSVP on its page.
        </Text>
      ) : (
        <Stack component="ul" gap="xs" className={classes.list} aria-label="Your RSVPs">
          {items.map((item) => (
            <MyRsvpRow key={item.id} item={item} />
          ))}
        </Stack>
      )}
    </Page>
  );
}
