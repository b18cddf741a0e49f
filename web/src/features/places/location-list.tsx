import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { LocationSummary } from '../../api/places';
import { locationLine } from './location-line';
import classes from './places.module.css';

const eventsCount = (n: number) =>
  n === 0 ? 'No public events' : n === 1 ? '1 public event' : `${n} public events`;

/** Locations, each linking to its page, with where it is and how many public events use it. */
export function LocationList({ locations }: { locations: LocationSummary[] }) {
  return (
    <Stack component="ul" gap="xs" className={classes.list}>
      {locations.map((location) => {
        const where = locationLine(location, { named: false });
        return (
          <Paper component="li" key={location.id} withBorder p="sm" radius="md">
            <Stack gap={2} miw={0}>
              <Group gap="xs" wrap="wrap">
                <Anchor
                  component={Link}
                  to={`/locations/${encodeURIComponent(location.id)}`}
                  fw={600}
                  className={classes.name}
                >
                  {location.name}
                </Anchor>
                {location.archived ? (
                  <Badge component="span" variant="outline" color="gray.8" tt="none">
                    Archived
                  </Badge>
                ) : null}
              </Group>
              {where ? (
                <Text size="sm" className={classes.name}>
                  {where}
                </Text>
              ) : null}
              <Text size="sm" c="dimmed">
                {eventsCount(location.eventCount)}
              </Text>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
