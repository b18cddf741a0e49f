import { useState, type FormEvent } from 'react';
import { Group, NumberInput, Stack, Switch } from '@mantine/core';
import { attendanceChanged } from '../../api/attendance';
import { useUpdateEvent, type EventChange, type EventDetails } from '../../api/events';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { LocationPicker } from '../places/location-picker';
import { SaveButton } from '../shared/save-button';

const fields = ['locationId', 'attendeeCapacity', 'volunteerCapacity', 'rsvpOpen'];

/** A capacity as the number box holds it ('' for none) and as the API takes it (null). */
const shownCapacity = (capacity: number | null) => capacity ?? '';
const sentCapacity = (value: string | number) => (typeof value === 'number' ? value : null);

/**
 * The event's logistics: where it takes place, how many attendees and volunteers it takes (no
 * number: no limit) and whether RSVPs are open. Only what changed is sent: a larger capacity lets
 * people on the waitlist in at once.
 */
export function EventLogisticsForm({ event }: { event: EventDetails }) {
  const [location, setLocation] = useState(event.location);
  const [attendees, setAttendees] = useState(shownCapacity(event.attendeeCapacity));
  const [volunteers, setVolunteers] = useState(shownCapacity(event.volunteerCapacity));
  const [rsvpOpen, setRsvpOpen] = useState(event.rsvpOpen);
  // Places, RSVPs being open and the location change where people stand.
  const save = useUpdateEvent(event.id, {
    alsoChanged: (queryClient) => attendanceChanged(queryClient, event.id),
  });
  const { fieldError, showAlert } = formErrors(save.error, fields);

  const change: EventChange = {
    ...((location?.id ?? null) !== (event.location?.id ?? null)
      ? { locationId: location?.id ?? null }
      : {}),
    ...(sentCapacity(attendees) !== event.attendeeCapacity
      ? { attendeeCapacity: sentCapacity(attendees) }
      : {}),
    ...(sentCapacity(volunteers) !== event.volunteerCapacity
      ? { volunteerCapacity: sentCapacity(volunteers) }
      : {}),
    ...(rsvpOpen !== event.rsvpOpen ? { rsvpOpen } : {}),
  };
  const changed = Object.keys(change).length > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(change, {
      onSuccess: (saved) => {
        setLocation(saved.location);
        setAttendees(shownCapacity(saved.attendeeCapacity));
        setVolunteers(shownCapacity(saved.volunteerCapacity));
        setRsvpOpen(saved.rsvpOpen);
      },
    });
  };

  const capacityHelp =
    'Leave empty for no limit. Once the places are taken, people join a waitlist; more places let the first of them in.';

  return (
    <form onSubmit={submit} noValidate aria-label="Logistics">
      <Stack gap="md">
        {showAlert ? <ErrorAlert error={save.error} title="The logistics were not saved" /> : null}
        <LocationPicker
          label="Location"
          description={
            event.location?.archived && location?.id === event.location.id
              ? 'The current location is archived: it stays, but once changed it cannot be chosen again.'
              : 'Where the event takes place. Archived locations are not offered.'
          }
          value={location}
          onChange={setLocation}
          error={fieldError('locationId')}
        />
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput
            label="Attendee places"
            description={capacityHelp}
            miw={150}
            min={0}
            max={100_000}
            allowDecimal={false}
            allowNegative={false}
            value={attendees}
            onChange={setAttendees}
            error={fieldError('attendeeCapacity')}
          />
          <NumberInput
            label="Volunteer places"
            description="Leave empty for no limit."
            miw={150}
            min={0}
            max={100_000}
            allowDecimal={false}
            allowNegative={false}
            value={volunteers}
            onChange={setVolunteers}
            error={fieldError('volunteerCapacity')}
          />
        </Group>
        <Switch
          label="RSVPs open"
          description={
            event.status === 'active'
              ? 'People can say they are coming, as attendees or volunteers.'
              : 'People can say they are coming once the event is active.'
          }
          checked={rsvpOpen}
          onChange={(e) => setRsvpOpen(e.currentTarget.checked)}
          error={fieldError('rsvpOpen')}
        />
        <SaveButton
          label="Save logistics"
          pending={save.isPending}
          saved={save.isSuccess && !changed}
          disabled={!changed}
        />
      </Stack>
    </form>
  );
}
