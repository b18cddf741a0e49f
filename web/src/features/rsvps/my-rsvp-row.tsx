import { useState } from 'react';
import { Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCancelRsvp, type MyRsvpItem } from '../../api/rsvps';
import { useSessions } from '../../api/sessions';
import { formatEventDays } from '../events/event-dates';
import { locationLine } from '../places/location-line';
import { CancelRsvpDialog } from './cancel-rsvp-dialog';
import { RsvpDetails } from './rsvp-status';
import classes from '../listings/listings.module.css';

/**
 * One of the caller's RSVPs: the event (linking to its page), when and where, the RSVP's status
 * and sessions, and (unless the event is over) a way to cancel it after asking.
 */
export function MyRsvpRow({
  item,
  past = false,
  onCancelling,
}: {
  item: MyRsvpItem;
  past?: boolean;
  /** Told when the cancellation is sent: the row leaves the list once it is done. */
  onCancelling?: (rsvpId: string) => void;
}) {
  const { event } = item;
  // Only to name the chosen sessions.
  const sessions = useSessions(event.id, { enabled: item.sessionIds.length > 0 });
  const cancel = useCancelRsvp();
  const [confirming, setConfirming] = useState(false);
  const where = [
    formatEventDays(event.startsOn, event.endsOn) ?? 'Dates not announced yet',
    event.location ? locationLine(event.location) : null,
  ].filter(Boolean);

  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Stack gap="xs" className={classes.wrap}>
        <Anchor component={Link} to={`/e/${encodeURIComponent(event.slug)}`} fw={600}>
          {event.name}
        </Anchor>
        <Text size="sm" c="dimmed">
          {where.join(' · ')}
        </Text>
        <RsvpDetails rsvp={item} sessions={sessions.data ?? null} timeZone={event.timeZone} />
        {past ? null : (
          <div>
            <Button
              variant="outline"
              color="red.8"
              size="md"
              onClick={() => {
                cancel.reset();
                setConfirming(true);
              }}
              aria-label={`Cancel your RSVP to ${event.name}`}
            >
              Cancel RSVP
            </Button>
          </div>
        )}
      </Stack>
      {confirming ? (
        <CancelRsvpDialog
          eventName={event.name}
          waitlisted={item.status === 'waitlisted'}
          pending={cancel.isPending}
          error={cancel.error}
          onConfirm={() => {
            onCancelling?.(item.id);
            cancel.mutate(event.id, { onSuccess: () => setConfirming(false) });
          }}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </Paper>
  );
}
