import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { EventSession } from '../../api/sessions';
import { locationLine } from '../places/location-line';
import { formatSessionTime } from '../shared/session-times';
import classes from '../listings/listings.module.css';

/** What kind of session it is, when it is not for everyone by choice. */
export function SessionBadges({ session }: { session: EventSession }) {
  if (!session.requiredForAttendees && !session.volunteersOnly) return null;
  return (
    <Group component="span" gap={6} wrap="wrap">
      {session.requiredForAttendees ? (
        <Badge component="span" variant="outline" color="blue.9" tt="none">
          Required for attendees
        </Badge>
      ) : null}
      {session.volunteersOnly ? (
        <Badge component="span" variant="outline" color="teal.9" tt="none">
          Volunteers only
        </Badge>
      ) : null}
    </Group>
  );
}

/** When a session is, in the event's time zone, and where when it has its own location. */
export function sessionWhenWhere(session: EventSession, timeZone: string): string {
  const when = formatSessionTime(session.startsAt, session.endsAt, timeZone);
  return session.location ? `${when} · ${locationLine(session.location)}` : when;
}

/** An event's sessions, in order: name, time in the event's time zone, own location, kind. */
export function SessionList({
  sessions,
  timeZone,
  label,
}: {
  sessions: EventSession[];
  timeZone: string;
  label: string;
}) {
  return (
    <Stack component="ul" gap="xs" className={classes.list} aria-label={label}>
      {sessions.map((session) => (
        <Paper component="li" key={session.id} withBorder p="sm" radius="md">
          <Stack gap={4} className={classes.wrap}>
            <Text fw={600}>{session.name}</Text>
            <Text size="sm">{formatSessionTime(session.startsAt, session.endsAt, timeZone)}</Text>
            {session.location ? (
              <Text size="sm" c="dimmed">
                At {locationLine(session.location)}
              </Text>
            ) : null}
            <SessionBadges session={session} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
