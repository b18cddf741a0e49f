import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { CheckinSession } from '../../api/checkin';
import { formatSessionTime } from '../shared/session-times';
import { CheckinCounts } from './checkin-counts';
import { checkinSessionPath } from './session-path';
import classes from './checkin.module.css';

/**
 * The sessions to check people in to (or the event itself, when it has none), each with its
 * counts and a link to its door page.
 */
export function SessionList({
  eventId,
  timeZone,
  sessions,
}: {
  eventId: string;
  /** The event's: its sessions' times are said on its clock. */
  timeZone: string;
  sessions: CheckinSession[];
}) {
  return (
    <Stack component="ul" gap="sm" className={classes.list} aria-label="Sessions">
      {sessions.map((s) => (
        <Paper component="li" key={s.id ?? 'event'} withBorder p="md" radius="md">
          <Stack gap="xs">
            <Anchor
              component={Link}
              to={checkinSessionPath(eventId, s.id)}
              fw={600}
              size="lg"
              className={classes.wrap}
            >
              {s.id === null ? `${s.name} (the whole event)` : s.name}
            </Anchor>
            {s.startsAt && s.endsAt ? (
              <Text size="sm" c="dimmed">
                {formatSessionTime(s.startsAt, s.endsAt, timeZone)}
              </Text>
            ) : null}
            <CheckinCounts counts={s.counts} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
