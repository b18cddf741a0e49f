import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { EventDetails } from '../../api/events';
import { useDeleteSession, useSessions, type EventSession } from '../../api/sessions';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { ReasonDialog } from '../../components/reason-dialog';
import { locationLabel } from '../places/location-picker';
import { SessionForm } from './session-form';
import { formatSessionTime } from '../shared/session-times';
import classes from '../places/places.module.css';

/**
 * An event's sessions by start time, for those who may update the event: each can be changed in
 * place or removed (with a reason), and new ones added. One form is open at a time.
 */
export function SessionsEditor({ event }: { event: EventDetails }) {
  const sessions = useSessions(event.id);
  // The session being changed, 'new' while adding one, null while only listing.
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<EventSession | null>(null);

  if (!sessions.data) {
    return sessions.isPending ? (
      <Loading label="Loading the sessions" />
    ) : (
      <ErrorAlert error={sessions.error} title="The sessions could not be loaded" />
    );
  }
  const list = sessions.data;
  return (
    <Stack gap="sm">
      <Text size="sm">
        Parts of the event with their own times, such as talks, workshops or volunteer shifts. Times
        are on the event&apos;s clock ({event.timeZone}).
      </Text>
      {list.length === 0 ? (
        <Text>No sessions yet: the event is one whole.</Text>
      ) : (
        <Stack component="ul" gap="xs" className={classes.list} aria-label="Sessions">
          {list.map((session) =>
            editing === session.id ? (
              <Paper component="li" key={session.id} withBorder p="sm" radius="md">
                <SessionForm event={event} session={session} onDone={() => setEditing(null)} />
              </Paper>
            ) : (
              <SessionRow
                key={session.id}
                event={event}
                session={session}
                onEdit={editing === null ? () => setEditing(session.id) : undefined}
                onRemove={() => setRemoving(session)}
              />
            ),
          )}
        </Stack>
      )}
      {editing === 'new' ? (
        <Paper withBorder p="sm" radius="md">
          <SessionForm event={event} onDone={() => setEditing(null)} />
        </Paper>
      ) : editing === null ? (
        <Group>
          <Button variant="default" onClick={() => setEditing('new')}>
            Add a session
          </Button>
        </Group>
      ) : null}
      {removing ? (
        <RemoveSession event={event} session={removing} onClose={() => setRemoving(null)} />
      ) : null}
    </Stack>
  );
}

function SessionRow({
  event,
  session,
  onEdit,
  onRemove,
}: {
  event: EventDetails;
  session: EventSession;
  /** Absent while another session's form is open. */
  onEdit: (() => void) | undefined;
  onRemove: () => void;
}) {
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Stack gap={4} miw={0}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600} className={classes.name}>
            {session.name}
          </Text>
          {session.requiredForAttendees ? (
            <Badge component="span" variant="outline" color="blue.9" tt="none">
              Every attendee
            </Badge>
          ) : null}
          {session.volunteersOnly ? (
            <Badge component="span" variant="outline" color="grape.9" tt="none">
              Volunteers only
            </Badge>
          ) : null}
        </Group>
        <Text size="sm">{formatSessionTime(session.startsAt, session.endsAt, event.timeZone)}</Text>
        <Text size="sm" c="dimmed" className={classes.name}>
          {session.location ? locationLabel(session.location) : "At the event's location"}
        </Text>
        <Group gap="xs">
          {onEdit ? (
            <Button
              variant="default"
              size="xs"
              onClick={onEdit}
              aria-label={`Change ${session.name}`}
            >
              Change
            </Button>
          ) : null}
          <Button
            variant="outline"
            color="red.8"
            size="xs"
            onClick={onRemove}
            aria-label={`Remove ${session.name}`}
          >
            Remove
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function RemoveSession({
  event,
  session,
  onClose,
}: {
  event: EventDetails;
  session: EventSession;
  onClose: () => void;
}) {
  const remove = useDeleteSession(event.id);
  return (
    <ReasonDialog
      title={`Remove the session ${session.name}?`}
      explanation="It is taken off the RSVPs that chose it. A session someone has checked in to cannot be removed."
      confirmLabel="Remove session"
      danger
      pending={remove.isPending}
      error={remove.error}
      onConfirm={(reason) =>
        remove.mutate({ sessionId: session.id, reason }, { onSuccess: onClose })
      }
      onClose={onClose}
    />
  );
}
