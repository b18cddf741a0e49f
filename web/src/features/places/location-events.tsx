import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Location } from '../../api/places';
import { formatEventDays } from '../events/event-dates';
import classes from './places.module.css';

/** The public events held at a location, each linking to its public page. */
export function LocationEvents({ location }: { location: Location }) {
  if (location.events.length === 0) {
    return <Text>No public event is held here yet.</Text>;
  }
  return (
    <Stack component="ul" gap="xs" className={classes.list}>
      {location.events.map((event) => (
        <Paper component="li" key={event.id} withBorder p="sm" radius="md">
          <Stack gap={2} miw={0}>
            <Anchor
              component={Link}
              to={`/e/${encodeURIComponent(event.slug)}`}
              fw={600}
              className={classes.name}
            >
              {event.name}
            </Anchor>
            <Text size="sm" c="dimmed">
              {formatEventDays(event.startsOn, null) ?? 'No date yet'}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
