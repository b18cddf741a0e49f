import { Badge, Group, List, Stack, Text } from '@mantine/core';
import type { MyRsvp } from '../../api/rsvps';
import type { EventSession } from '../../api/sessions';
import { kindLabel } from './rsvp-words';
import { sessionWhenWhere } from './session-list';

/**
 * The status of an RSVP as a badge: "Confirmed", or "Waitlist: number 2" (in the color of
 * things waiting, as an event waiting for approval). Dark shades keep white text at AA contrast.
 */
export function RsvpStatusBadge({ rsvp }: { rsvp: Pick<MyRsvp, 'status' | 'waitlistPosition'> }) {
  return rsvp.status === 'confirmed' ? (
    <Badge component="span" variant="filled" color="teal.9" tt="none">
      Confirmed
    </Badge>
  ) : (
    <Badge component="span" variant="filled" color="grape.9" tt="none">
      {rsvp.waitlistPosition ? `Waitlist: number ${rsvp.waitlistPosition}` : 'Waitlist'}
    </Badge>
  );
}

/** What an RSVP means, in a sentence. */
export function rsvpSentence(rsvp: MyRsvp): string {
  const as = kindLabel[rsvp.kind].toLowerCase();
  if (rsvp.status === 'confirmed') return `You are going as ${a(as)}.`;
  const where = rsvp.waitlistPosition ? `, number ${rsvp.waitlistPosition} in line` : '';
  return `You are on the waitlist for ${as}s${where}. When a place frees up, it is yours by itself, and we email you.`;
}

const a = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/**
 * The details of an RSVP: its status, the sessions chosen (by name and time, in the event's time
 * zone) and whether the organizers see the owner's email address.
 */
export function RsvpDetails({
  rsvp,
  sessions,
  timeZone,
}: {
  rsvp: MyRsvp;
  /** The event's sessions, to name the chosen ones; null while they load. */
  sessions: EventSession[] | null;
  timeZone: string;
}) {
  const chosen = (sessions ?? []).filter((s) => rsvp.sessionIds.includes(s.id));
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap">
        <Badge component="span" variant="outline" color="blue.9" tt="none">
          {kindLabel[rsvp.kind]}
        </Badge>
        <RsvpStatusBadge rsvp={rsvp} />
      </Group>
      <Text>{rsvpSentence(rsvp)}</Text>
      {chosen.length > 0 ? (
        <div>
          <Text size="sm" fw={600}>
            Your sessions
          </Text>
          <List size="sm">
            {chosen.map((s) => (
              <List.Item key={s.id}>
                {s.name}: {sessionWhenWhere(s, timeZone)}
              </List.Item>
            ))}
          </List>
        </div>
      ) : null}
      <Text size="sm" c="dimmed">
        {rsvp.shareEmail
          ? 'The organizers can see your email address.'
          : 'The organizers do not see your email address.'}
      </Text>
    </Stack>
  );
}
