import { Avatar, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { Attendee } from '../../api/attendees';
import { darkOrange } from '../shared/colors';
import { formatInstant } from '../shared/instant';
import { kindLabel } from '../rsvps/rsvp-words';
import classes from './attendees.module.css';

/** The sessions someone chose, each marked where they were checked in to it. */
function sessionsText(a: Attendee, sessionNames: ReadonlyMap<string, string>): string {
  if (a.sessionIds.length === 0) return 'No sessions chosen';
  const checked = new Set(a.checkedInSessionIds ?? []);
  return a.sessionIds
    .map((id) => {
      const name = sessionNames.get(id) ?? 'A session no longer listed';
      return checked.has(id) ? `${name} (checked in)` : name;
    })
    .join(' · ');
}

/**
 * One person who RSVP'd: name and picture, kind, place (waitlist position), checkiner and
 * checked-in marks, their email only where they chose to share it, the sessions they chose;
 * and making them a checkiner or not, where the caller may.
 */
export function AttendeeRow({
  attendee: a,
  sessionNames,
  canAssign,
  onCheckiner,
}: {
  attendee: Attendee;
  /** The event's sessions by id; null when the event has none. */
  sessionNames: ReadonlyMap<string, string> | null;
  canAssign: boolean;
  onCheckiner: (attendee: Attendee) => void;
}) {
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Avatar
            src={a.image}
            alt=""
            aria-hidden
            name={a.name}
            color="blue.8"
            variant="filled"
            size={36}
          />
          <Stack gap={4} className={classes.wrap}>
            <Text fw={600} className={classes.wrap}>
              {a.name}
            </Text>
            <Group gap={6} wrap="wrap">
              <Badge component="span" variant="outline" color="blue.9">
                {kindLabel[a.kind]}
              </Badge>
              {a.status === 'waitlisted' ? (
                <Badge component="span" variant="filled" color={darkOrange}>
                  {a.waitlistPosition !== null
                    ? `Waitlisted · #${a.waitlistPosition}`
                    : 'Waitlisted'}
                </Badge>
              ) : a.status === 'confirmed' ? (
                <Badge component="span" variant="outline" color="teal.9">
                  Confirmed
                </Badge>
              ) : null}
              {a.checkedIn ? (
                <Badge component="span" variant="filled" color="teal.9">
                  Checked in
                </Badge>
              ) : null}
              {a.checkiner ? (
                <Badge component="span" variant="outline" color="grape.9">
                  Checkiner
                </Badge>
              ) : null}
            </Group>
            {a.email ? (
              <Text size="sm" className={classes.wrap}>
                {a.email}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                Email not shared
              </Text>
            )}
            {sessionNames ? (
              <Text size="sm" className={classes.wrap}>
                Sessions: {sessionsText(a, sessionNames)}
              </Text>
            ) : null}
            <Text size="sm" c="dimmed">
              RSVP’d {formatInstant(a.createdAt)}
            </Text>
          </Stack>
        </Group>
        {canAssign ? (
          <Group gap="xs" wrap="wrap">
            <Button
              size="xs"
              variant={a.checkiner ? 'outline' : 'default'}
              color={a.checkiner ? 'red.8' : undefined}
              aria-label={
                a.checkiner ? `Remove ${a.name} as checkiner` : `Make ${a.name} a checkiner`
              }
              onClick={() => onCheckiner(a)}
            >
              {a.checkiner ? 'Remove as checkiner' : 'Make checkiner'}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
