import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { RegionSummary } from '../../api/places';
import classes from './places.module.css';

export const locationsCount = (n: number) => (n === 1 ? '1 location' : `${n} locations`);

/** Regions, each linking to its page, with how many locations it groups. */
export function RegionList({ regions }: { regions: RegionSummary[] }) {
  return (
    <Stack component="ul" gap="xs" className={classes.list}>
      {regions.map((region) => (
        <Paper component="li" key={region.id} withBorder p="sm" radius="md">
          <Stack gap={2} miw={0}>
            <Anchor
              component={Link}
              to={`/regions/${encodeURIComponent(region.id)}`}
              fw={600}
              className={classes.name}
            >
              {region.name}
            </Anchor>
            {region.description ? (
              <Text size="sm" lineClamp={2} className={classes.name}>
                {region.description}
              </Text>
            ) : null}
            <Text size="sm" c="dimmed">
              {region.locationCount === 0
                ? 'No locations yet'
                : locationsCount(region.locationCount)}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
