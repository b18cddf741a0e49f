import { Text } from '@mantine/core';
import type { LocationRef } from '../../api/places';
import classes from './listings.module.css';

/** Where something takes place: the location's name, its address below, and its region. */
export function LocationText({ location }: { location: LocationRef }) {
  return (
    <div className={classes.wrap}>
      <Text fw={600}>{location.name}</Text>
      {location.address.trim() ? <Text className={classes.address}>{location.address}</Text> : null}
      {location.region ? (
        <Text size="sm" c="dimmed">
          Region: {location.region.name}
        </Text>
      ) : null}
    </div>
  );
}
