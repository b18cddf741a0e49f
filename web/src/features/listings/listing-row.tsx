import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { PublicEventListing } from '../../api/listings';
import { formatEventDays } from '../events/event-dates';
import { locationLine } from '../places/location-line';
import classes from './listings.module.css';

/** Whether one can still get a place: "12 places left", "Full: waitlist open", or closed. */
export function placesText(event: PublicEventListing): string {
  if (!event.rsvpOpen) return 'Not taking RSVPs';
  const left = event.places.attendee;
  if (left === null) return 'Open for RSVPs';
  if (left <= 0) return 'Full: waitlist open';
  return left === 1 ? '1 place left' : `${left} places left`;
}

/**
 * One upcoming event in the public listing: its name (to its page), when, where, by whom (a link
 * that shows only that organization's events) and the places left.
 */
export function ListingRow({
  event,
  organizationLink,
}: {
  event: PublicEventListing;
  /** The listing filtered to this event's organization. */
  organizationLink: string;
}) {
  const full = event.rsvpOpen && event.places.attendee !== null && event.places.attendee <= 0;
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Stack gap={6} className={classes.wrap}>
        <Anchor component={Link} to={`/e/${encodeURIComponent(event.slug)}`} fw={600} fz="lg">
          {event.name}
        </Anchor>
        <Text size="sm">{formatEventDays(event.startsOn, event.endsOn) ?? 'Dates to come'}</Text>
        <Text size="sm">
          {event.location ? locationLine(event.location) : 'Place to be announced'}
        </Text>
        <Group gap="xs" wrap="wrap" justify="space-between">
          <Text size="sm">
            By{' '}
            <Anchor
              component={Link}
              to={organizationLink}
              className={classes.tap}
              aria-label={`Only events by ${event.organization.name}`}
            >
              {event.organization.name}
            </Anchor>
          </Text>
          <Badge
            component="span"
            variant="outline"
            // Dark shades: the text stays at AA contrast on white.
            color={full ? 'grape.9' : event.rsvpOpen ? 'teal.9' : 'gray.8'}
            tt="none"
            size="lg"
          >
            {placesText(event)}
          </Badge>
        </Group>
      </Stack>
    </Paper>
  );
}
