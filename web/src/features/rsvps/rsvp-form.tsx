import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Radio, Stack, Text } from '@mantine/core';
import type { MyRsvp, RsvpChoice, RsvpKind, RsvpSummary } from '../../api/rsvps';
import type { EventSession } from '../../api/sessions';
import { ErrorAlert } from '../../components/error-alert';
import { wouldWait, placesLeft } from './places';
import { kindLabel } from './rsvp-words';
import { SessionBadges, sessionWhenWhere } from './session-list';

/** The sessions a kind may choose: volunteers-only ones are not offered to attendees. */
export const sessionsFor = (kind: RsvpKind, sessions: EventSession[]) =>
  kind === 'attendee' ? sessions.filter((s) => !s.volunteersOnly) : sessions;

const locked = (kind: RsvpKind, session: EventSession) =>
  kind === 'attendee' && session.requiredForAttendees;

/**
 * A new RSVP, or a change of one: attendee or volunteer (with the places left of each), the
 * sessions (required ones chosen and locked for attendees), and the email opt-in, off by default.
 */
export function RsvpForm({
  summary,
  sessions,
  timeZone,
  current,
  pending,
  error,
  onSubmit,
  onDiscard,
}: {
  summary: RsvpSummary;
  sessions: EventSession[];
  timeZone: string;
  /** The RSVP being changed; null for a new one. */
  current: MyRsvp | null;
  pending: boolean;
  error: unknown;
  onSubmit: (choice: RsvpChoice) => void;
  /** Leaves a change without saving (absent for a new RSVP). */
  onDiscard?: () => void;
}) {
  const [kind, setKind] = useState<RsvpKind>(current?.kind ?? 'attendee');
  const [chosen, setChosen] = useState<string[]>(current?.sessionIds ?? []);
  const [shareEmail, setShareEmail] = useState(current?.shareEmail ?? false);

  const offered = sessionsFor(kind, sessions);
  const checked = offered.filter((s) => locked(kind, s) || chosen.includes(s.id)).map((s) => s.id);
  // Keeping a place of this kind, or getting a new one: only a new one can land on the waitlist.
  const keepsPlace = current?.kind === kind;
  const waits = !keepsPlace && wouldWait(summary[kind]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ kind, sessionIds: checked, shareEmail });
  };

  const placeOf = (k: RsvpKind) =>
    current?.kind === k
      ? current.status === 'confirmed'
        ? 'You have a place'
        : `You are number ${current.waitlistPosition ?? '?'} on the waitlist`
      : placesLeft(summary[k]);

  return (
    <form onSubmit={submit} noValidate aria-label={current ? 'Change your RSVP' : 'RSVP'}>
      <Stack gap="md">
        <Radio.Group label="Join as" value={kind} onChange={(value) => setKind(value as RsvpKind)}>
          <Stack gap="sm" mt={6}>
            {(['attendee', 'volunteer'] as const).map((k) => (
              <Radio
                key={k}
                value={k}
                size="md"
                label={kindLabel[k]}
                description={`${k === 'volunteer' ? 'Help run the event. ' : ''}${placeOf(k)}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        {current && current.kind !== kind ? (
          <Alert color="yellow" title={`Changing to ${kindLabel[kind].toLowerCase()}`}>
            You give up your {current.status === 'confirmed' ? 'place' : 'place on the waitlist'} as{' '}
            {kindLabel[current.kind].toLowerCase()}, and get a new one as{' '}
            {kindLabel[kind].toLowerCase()}
            {wouldWait(summary[kind]) ? ': that is on the waitlist, since it is full' : ''}.
          </Alert>
        ) : null}
        {offered.length > 0 ? (
          <Checkbox.Group
            label="Sessions"
            description={`Choose the ones you will come to. Times are in ${timeZone}.`}
            value={checked}
            onChange={(values) =>
              setChosen([
                // What was chosen for the other kind stays, in case the person switches back.
                ...chosen.filter((id) => !offered.some((s) => s.id === id)),
                ...values,
              ])
            }
          >
            <Stack gap="sm" mt={6}>
              {offered.map((session) => (
                <Checkbox
                  key={session.id}
                  value={session.id}
                  size="md"
                  disabled={locked(kind, session)}
                  // Locked, not unavailable: its name stays as readable as the others'.
                  styles={
                    locked(kind, session)
                      ? { label: { color: 'var(--mantine-color-text)' } }
                      : undefined
                  }
                  label={session.name}
                  description={
                    <Stack gap={4} component="span">
                      <span>{sessionWhenWhere(session, timeZone)}</span>
                      {locked(kind, session) ? (
                        <span>Every attendee takes part in this one.</span>
                      ) : null}
                      <SessionBadges session={session} />
                    </Stack>
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
        ) : null}
        <Checkbox
          size="md"
          label="Let the organizers see my email address"
          description="Off unless you turn it on. Organizers always see your name. With this on, they also see your address and can write to you directly; either way, their messages to everyone who RSVPed reach you without them seeing it."
          checked={shareEmail}
          onChange={(e) => setShareEmail(e.currentTarget.checked)}
        />
        {error ? (
          <ErrorAlert
            error={error}
            title={current ? 'Your RSVP was not changed' : 'Your RSVP was not sent'}
          />
        ) : null}
        {waits ? (
          <Text size="sm">
            Places for {kindLabel[kind].toLowerCase()}s are full: you join the waitlist, and get a
            place by yourself when one frees up (we email you).
          </Text>
        ) : null}
        <Group gap="sm">
          <Button type="submit" size="md" loading={pending}>
            {current ? 'Save changes' : waits ? 'Join the waitlist' : `RSVP as ${kind}`}
          </Button>
          {onDiscard ? (
            <Button variant="default" size="md" onClick={onDiscard}>
              Keep it as it was
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
