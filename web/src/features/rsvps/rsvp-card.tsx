import { useState } from 'react';
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { EventSession } from '../../api/sessions';
import { useSession } from '../../api/session';
import {
  useCancelRsvp,
  useRsvp,
  useSaveRsvp,
  type RsvpChoice,
  type RsvpState,
} from '../../api/rsvps';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Section } from '../../components/section';
import { withNext } from '../auth/next-path';
import { LoadFailed } from '../shared/load-failed';
import { CancelRsvpDialog } from './cancel-rsvp-dialog';
import { RsvpForm } from './rsvp-form';
import { RsvpDetails } from './rsvp-status';

/** The event as the card needs it (the public page's event). */
export interface RsvpEvent {
  eventId: string;
  name: string;
  slug: string;
  timeZone: string;
}

/**
 * The RSVP part of an event's public page: a way to sign in for visitors; for signed-in people
 * their RSVP (status, change, cancel) or the form when the event takes RSVPs.
 */
export function RsvpCard({
  event,
  sessions,
}: {
  event: RsvpEvent;
  /** The event's sessions: the form is offered only once they are known. */
  sessions: UseQueryResult<EventSession[]>;
}) {
  const session = useSession();
  const signedIn = Boolean(session.data);
  const state = useRsvp(event.eventId, { enabled: signedIn });
  const here = `/e/${encodeURIComponent(event.slug)}`;

  let body;
  if (session.isPending || (signedIn && state.isPending)) {
    body = <Loading label="Loading your RSVP" />;
  } else if (!signedIn) {
    body = (
      <Stack gap="xs">
        <Text>Sign in to RSVP as an attendee or a volunteer.</Text>
        <div>
          <Button component={Link} to={withNext('/sign-in', here)} size="md">
            Sign in to RSVP
          </Button>
        </div>
      </Stack>
    );
  } else if (!state.data) {
    body = <ErrorAlert error={state.error} title="Your RSVP could not be loaded" />;
  } else {
    body = <SignedInRsvp event={event} sessions={sessions} state={state.data} />;
  }

  return (
    <Section title="RSVP">
      {body}
      <Text size="sm">
        An RSVP also lets you report an incident at this event to its code-of-conduct team, with{' '}
        <Anchor component={Link} to={`${here}/report`}>
          the report form
        </Anchor>
        .
      </Text>
    </Section>
  );
}

function SignedInRsvp({
  event,
  sessions: sessionsQuery,
  state,
}: {
  event: RsvpEvent;
  sessions: UseQueryResult<EventSession[]>;
  state: RsvpState;
}) {
  const sessions = sessionsQuery.data ?? null;
  const save = useSaveRsvp(event.eventId);
  const cancel = useCancelRsvp();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // What the last change did, said aloud (a live region present from the start).
  const [said, setSaid] = useState<string | null>(null);
  const { rsvp, summary } = state;

  const onSubmit = (choice: RsvpChoice) =>
    save.mutate(choice, {
      onSuccess: (next) => {
        setEditing(false);
        if (next.rsvp) setSaid(savedText(Boolean(rsvp), next));
      },
    });
  const onCancel = () =>
    cancel.mutate(event.eventId, {
      onSuccess: () => {
        setConfirming(false);
        setEditing(false);
        setSaid('Your RSVP is cancelled.');
      },
    });

  // The form sends the sessions it offers: without them known, a change would drop the chosen
  // ones (and a new RSVP the required ones), so it waits for them.
  const form = sessions ? (
    <RsvpForm
      // A fresh form for each RSVP as the server has it.
      key={rsvp ? `${rsvp.id}-${rsvp.kind}-${rsvp.status}` : 'new'}
      summary={summary}
      sessions={sessions}
      timeZone={event.timeZone}
      current={rsvp}
      pending={save.isPending}
      error={save.error}
      onSubmit={onSubmit}
      {...(rsvp ? { onDiscard: () => setEditing(false) } : {})}
    />
  ) : (
    <SessionsAwaited sessions={sessionsQuery} />
  );

  // A refusal asks for the RSVP again: once it shows RSVPs closed, the form (which would say
  // why) is gone, so the reason is said here.
  const formShown = Boolean(sessions) && summary.open && (!rsvp || editing);

  return (
    <Stack gap="sm">
      <div role="status" aria-live="polite">
        {said ? <Text fw={600}>{said}</Text> : null}
      </div>
      {save.error && !formShown ? (
        <ErrorAlert
          error={save.error}
          title={rsvp ? 'Your RSVP was not changed' : 'Your RSVP was not sent'}
        />
      ) : null}
      {rsvp ? (
        editing && summary.open ? (
          form
        ) : (
          <>
            <RsvpDetails rsvp={rsvp} sessions={sessions} timeZone={event.timeZone} />
            {!summary.open ? (
              <Text size="sm">
                The event does not take changes to RSVPs right now; you can still cancel yours.
              </Text>
            ) : null}
            {summary.open && !sessions ? <SessionsAwaited sessions={sessionsQuery} /> : null}
            <Group gap="sm">
              {summary.open && sessions ? (
                <Button
                  variant="default"
                  size="md"
                  onClick={() => {
                    save.reset();
                    setSaid(null);
                    setEditing(true);
                  }}
                >
                  Change your RSVP
                </Button>
              ) : null}
              <Button
                variant="outline"
                color="red.8"
                size="md"
                onClick={() => {
                  cancel.reset();
                  setConfirming(true);
                }}
              >
                Cancel your RSVP
              </Button>
            </Group>
          </>
        )
      ) : summary.open ? (
        form
      ) : (
        <Text>This event does not take RSVPs right now.</Text>
      )}
      {confirming && rsvp ? (
        <CancelRsvpDialog
          eventName={event.name}
          waitlisted={rsvp.status === 'waitlisted'}
          pending={cancel.isPending}
          error={cancel.error}
          onConfirm={onCancel}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </Stack>
  );
}

/**
 * In place of the form while the event's sessions are not known: a loader, or why they could not
 * be loaded with a way to ask again.
 */
function SessionsAwaited({ sessions }: { sessions: UseQueryResult<EventSession[]> }) {
  if (!sessions.error) return <Loading label="Loading the sessions to choose from" />;
  return (
    <LoadFailed
      error={sessions.error}
      title="Your RSVP needs the sessions, which could not be loaded"
      retrying={sessions.isFetching}
      onRetry={() => void sessions.refetch()}
    />
  );
}

/** What saving did: a new RSVP's status, or that a change was kept. */
function savedText(hadOne: boolean, next: RsvpState): string {
  if (hadOne) return 'Your RSVP is changed.';
  return next.rsvp!.status === 'confirmed'
    ? 'Your RSVP is confirmed.'
    : `You are on the waitlist${next.rsvp!.waitlistPosition ? `, number ${next.rsvp!.waitlistPosition}` : ''}.`;
}
