import { Text } from '@mantine/core';
import type { LocationRef } from '../../api/places';
import classes from './listings.module.css';

/** A location in one line: "Kulturbrauerei, Schönhauser Allee 36 (Berlin)". */
export function locationLine(location: LocationRef): string {
  // An address written on several lines reads as one, its lines set apart by commas.
  const address = location.address
    .trim()
    .split(/\s*\n\s*/)
    .join(', ');
  const place = [location.name, address].filter(Boolean).join(', ');
  return location.region ? `${place} (${location.region.name})` : place;
}

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
