import { useEffect, useRef, useState } from 'react';
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMyRsvps, type MyRsvpItem } from '../api/rsvps';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { isOver } from '../features/rsvps/event-over';
import { MyRsvpRow } from '../features/rsvps/my-rsvp-row';
import classes from '../features/listings/listings.module.css';

const rsvps = (n: number) => (n === 1 ? '1 RSVP' : `${n} RSVPs`);

/**
 * The caller's RSVPs (`/rsvps`): those of events to come first, the soonest first, with status,
 * sessions, the event's page and cancelling; those of events that are over below them.
 */
export function MyRsvpsPage() {
  const session = useSession();
  const mine = useMyRsvps({ enabled: Boolean(session.data) });
  // The RSVP being cancelled: once it leaves the list, its row (and the button that had focus)
  // is gone, and focus would fall to the page's body; it moves to the line that says what is
  // left instead.
  const [leaving, setLeaving] = useState<string | null>(null);
  const statusLine = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!leaving || !mine.data || mine.data.some((i) => i.id === leaving)) return;
    setLeaving(null);
    statusLine.current?.focus();
  }, [leaving, mine.data]);

  const gate = pageGate('My RSVPs', session, mine.error);
  if (gate) return gate;
  const items = mine.data;
  // The server sends the events to come first, then those over: each part keeps its order.
  const upcoming = items?.filter((i) => !isOver(i.event)) ?? [];
  const past = items?.filter((i) => isOver(i.event)) ?? [];
  return (
    <Page title="My RSVPs">
      {/* Present from the start, so a cancellation's effect on the list is announced. */}
      <div
        role="status"
        aria-live="polite"
        ref={statusLine}
        tabIndex={-1}
        style={{ outline: 'none' }}
      >
        {items ? (
          upcoming.length === 0 ? (
            <Text>You have no RSVPs to upcoming events.</Text>
          ) : (
            <Text size="sm" c="dimmed">
              {rsvps(upcoming.length)} to upcoming events, the soonest first.
            </Text>
          )
        ) : null}
      </div>
      {mine.error ? <ErrorAlert error={mine.error} title="Your RSVPs could not be loaded" /> : null}
      {!items ? (
        mine.isPending ? (
          <Loading label="Loading your RSVPs" />
        ) : null
      ) : upcoming.length === 0 ? (
        <Text>
          Find one to go to among the{' '}
          <Anchor component={Link} to="/upcoming">
            upcoming events
          </Anchor>
          , and RSVP on its page.
        </Text>
      ) : (
        <RsvpList items={upcoming} label="Your RSVPs" onCancelling={setLeaving} />
      )}
      {past.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="past-rsvps">
          <Title order={2} size="h3" id="past-rsvps">
            Events that are over
          </Title>
          <RsvpList items={past} label="Your RSVPs to events that are over" past />
        </Stack>
      ) : null}
    </Page>
  );
}

function RsvpList({
  items,
  label,
  past = false,
  onCancelling,
}: {
  items: MyRsvpItem[];
  label: string;
  past?: boolean;
  onCancelling?: (rsvpId: string) => void;
}) {
  return (
    <Stack component="ul" gap="xs" className={classes.list} aria-label={label}>
      {items.map((item) => (
        <MyRsvpRow key={item.id} item={item} past={past} onCancelling={onCancelling} />
      ))}
    </Stack>
  );
}
