import { Badge, Group, Text, UnstyledButton } from '@mantine/core';
import type { CheckinPerson } from '../../api/checkin';
import { darkOrange } from '../shared/colors';
import { formatClockTime } from '../shared/session-times';
import classes from './checkin.module.css';

/** A place worth a mark at the door: the waitlist, or an RSVP cancelled after its check-in. */
const statusWords: Record<CheckinPerson['status'], string | null> = {
  confirmed: null,
  waitlisted: 'waitlisted',
  cancelled: 'cancelled',
};

/** The row's name for assistive technology: it stays the same when the row is pressed. */
const rowLabel = (p: CheckinPerson) =>
  [p.name, statusWords[p.status], p.kind === 'volunteer' ? 'volunteer' : null]
    .filter(Boolean)
    .join(', ');

/**
 * One person at the door: the whole row is a toggle button, pressed when they are checked in;
 * tapping it again undoes the check-in. Waitlisted people and volunteers are marked, so the door
 * knows whom to let in when there is room; so is someone who cancelled after being checked in
 * (their check-in stays, and may be undone).
 */
export function CheckinRow({
  person,
  timeZone,
  onToggle,
}: {
  person: CheckinPerson;
  /** The event's: the time of a check-in is said on its clock. */
  timeZone: string;
  onToggle: (person: CheckinPerson) => void;
}) {
  return (
    <li>
      <UnstyledButton
        className={classes.row}
        aria-pressed={person.checkedIn}
        aria-label={rowLabel(person)}
        onClick={() => onToggle(person)}
      >
        <span className={classes.who}>
          <Text component="span" fw={600} size="lg" display="block">
            {person.name}
          </Text>
          {person.status !== 'confirmed' || person.kind === 'volunteer' ? (
            <Group component="span" gap={6} wrap="wrap" mt={4}>
              {person.status === 'waitlisted' ? (
                <Badge component="span" variant="filled" color={darkOrange}>
                  Waitlisted
                </Badge>
              ) : null}
              {person.status === 'cancelled' ? (
                // Red 9: red 8 on a pressed row's pale teal is only 4.2:1.
                <Badge component="span" variant="outline" color="red.9">
                  Cancelled
                </Badge>
              ) : null}
              {person.kind === 'volunteer' ? (
                <Badge component="span" variant="outline" color="blue.9">
                  Volunteer
                </Badge>
              ) : null}
            </Group>
          ) : null}
        </span>
        <span className={classes.state}>
          {person.checkedIn ? (
            <Text component="span" c="teal.9" fw={700}>
              <span aria-hidden>✓ </span>
              Checked in
              {person.checkedInAt ? (
                <Text component="span" size="sm" display="block" c="dimmed">
                  {formatClockTime(person.checkedInAt, timeZone)}
                </Text>
              ) : null}
            </Text>
          ) : (
            <Text component="span" c="blue.8" fw={700}>
              Check in
            </Text>
          )}
        </span>
      </UnstyledButton>
    </li>
  );
}
