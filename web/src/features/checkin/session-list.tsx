import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { CheckinSession } from '../../api/checkin';
import { formatInstant } from '../shared/instant';
import { CheckinCounts } from './checkin-counts';
import { checkinSessionPath } from './session-path';
import classes from './checkin.module.css';

/**
 * The sessions to check people in to (or the event itself, when it has none), each with its
 * counts and a link to its door page.
 */
export function SessionList({
  eventId,
  sessions,
}: {
  eventId: string;
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
            {s.startsAt ? (
              <Text size="sm" c="dimmed">
                {formatInstant(s.startsAt)}
              </Text>
            ) : null}
            <CheckinCounts counts={s.counts} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
