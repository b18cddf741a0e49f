import { useState, type FormEvent } from 'react';
import { Button, Group, Radio, Stack, TextInput } from '@mantine/core';
import type { EventDetails } from '../../api/events';
import {
  useCreateSession,
  useUpdateSession,
  type EventSession,
  type SessionInput,
} from '../../api/sessions';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { LocationPicker } from '../places/location-picker';
import { wallTimeIn, wallTimeToIso } from '../shared/zoned-time';

const fields = [
  'name',
  'startsAt',
  'endsAt',
  'locationId',
  'requiredForAttendees',
  'volunteersOnly',
];

/** Who takes part: the two flags of a session, which never hold together. */
type Audience = 'anyone' | 'required' | 'volunteers';
const audienceOf = (s: Pick<EventSession, 'requiredForAttendees' | 'volunteersOnly'>): Audience =>
  s.requiredForAttendees ? 'required' : s.volunteersOnly ? 'volunteers' : 'anyone';

/**
 * Adds a session or changes one: its name, start and end on the event's own clock, an optional
 * location of its own (the same picker as the event's), and who takes part. A change sends only
 * what changed. The server's field errors show at their fields.
 */
export function SessionForm({
  event,
  session,
  onDone,
}: {
  event: EventDetails;
  /** The session to change; none to add one. */
  session?: EventSession;
  onDone: () => void;
}) {
  const zone = event.timeZone;
  const [name, setName] = useState(session?.name ?? '');
  const [starts, setStarts] = useState(session ? wallTimeIn(zone, new Date(session.startsAt)) : '');
  const [ends, setEnds] = useState(session ? wallTimeIn(zone, new Date(session.endsAt)) : '');
  const [location, setLocation] = useState(session?.location ?? null);
  const [audience, setAudience] = useState<Audience>(session ? audienceOf(session) : 'anyone');
  // Times the browser could not read are caught here: the server would only see them missing.
  const [unreadable, setUnreadable] = useState<{ startsAt?: string; endsAt?: string }>({});
  const create = useCreateSession(event.id);
  const update = useUpdateSession(event.id);
  const save = session ? update : create;
  const { fieldError, showAlert } = formErrors(save.error, fields);
  const audienceError = fieldError('requiredForAttendees') ?? fieldError('volunteersOnly');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const startsAt = wallTimeToIso(starts, zone);
    const endsAt = wallTimeToIso(ends, zone);
    const problems = {
      ...(startsAt ? {} : { startsAt: 'Enter the date and time it starts.' }),
      ...(endsAt ? {} : { endsAt: 'Enter the date and time it ends.' }),
    };
    setUnreadable(problems);
    if (!startsAt || !endsAt) return;
    const input: SessionInput = {
      name,
      startsAt,
      endsAt,
      locationId: location?.id ?? null,
      requiredForAttendees: audience === 'required',
      volunteersOnly: audience === 'volunteers',
    };
    if (!session) {
      create.mutate(input, { onSuccess: onDone });
      return;
    }
    const was: SessionInput = {
      name: session.name,
      startsAt: wallTimeToIso(wallTimeIn(zone, new Date(session.startsAt)), zone) ?? '',
      endsAt: wallTimeToIso(wallTimeIn(zone, new Date(session.endsAt)), zone) ?? '',
      locationId: session.location?.id ?? null,
      requiredForAttendees: session.requiredForAttendees,
      volunteersOnly: session.volunteersOnly,
    };
    const change = Object.fromEntries(
      Object.entries(input).filter(([key, value]) => was[key as keyof SessionInput] !== value),
    ) as Partial<SessionInput>;
    // Nothing changed: nothing to send.
    if (Object.keys(change).length === 0) onDone();
    else update.mutate({ sessionId: session.id, change }, { onSuccess: onDone });
  };

  const title = session ? `Change ${session.name}` : 'New session';
  return (
    <form onSubmit={submit} noValidate aria-label={title}>
      <Stack gap="sm">
        {showAlert ? (
          <ErrorAlert
            error={save.error}
            title={session ? 'The session was not changed' : 'The session was not added'}
          />
        ) : null}
        <TextInput
          label="Name"
          description="A talk, a workshop, a shift: as people will see it."
          required
          maxLength={160}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
        />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            type="datetime-local"
            label="Starts"
            description={`On the event's clock (${zone}).`}
            required
            miw={200}
            value={starts}
            onChange={(e) => setStarts(e.currentTarget.value)}
            error={unreadable.startsAt ?? fieldError('startsAt')}
          />
          <TextInput
            type="datetime-local"
            label="Ends"
            description={`On the event's clock (${zone}).`}
            required
            miw={200}
            min={starts || undefined}
            value={ends}
            onChange={(e) => setEnds(e.currentTarget.value)}
            error={unreadable.endsAt ?? fieldError('endsAt')}
          />
        </Group>
        <LocationPicker
          label="Location (optional)"
          description={
            event.location
              ? `Leave empty when it takes place at the event's location, ${event.location.name}.`
              : "Leave empty when it takes place at the event's location."
          }
          value={location}
          onChange={setLocation}
          error={fieldError('locationId')}
        />
        <Radio.Group
          label="Who takes part"
          value={audience}
          onChange={(value) => setAudience(value as Audience)}
          error={audienceError}
        >
          <Stack gap="xs" mt={4}>
            <Radio value="anyone" label="Attendees and volunteers who choose it" />
            <Radio
              value="required"
              label="Every attendee"
              description="Chosen for everyone who comes as an attendee."
            />
            <Radio
              value="volunteers"
              label="Volunteers only"
              description="Set-up, the door, a shift: attendees cannot choose it."
            />
          </Stack>
        </Radio.Group>
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {session ? 'Save session' : 'Add session'}
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
