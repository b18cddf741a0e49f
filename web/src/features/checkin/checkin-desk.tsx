import { useEffect, useRef, useState, type Ref } from 'react';
import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ApiError } from '../../api/client';
import {
  doorClosed,
  useCheckinPeople,
  useToggleCheckin,
  type CheckinPerson,
} from '../../api/checkin';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { CheckinCounts } from './checkin-counts';
import { CheckinRow } from './checkin-row';
import { ClosedDoor } from './closed-door';
import classes from './checkin.module.css';

/** How long the "Undo" of the last tap stays offered. */
const UNDO_MS = 10_000;

/** What the last tap did, for the short "Undo" after it. */
interface LastTap {
  person: CheckinPerson;
  checkedIn: boolean;
  /** Tells taps apart, so an older one's timer or refusal leaves a newer one's Undo alone. */
  at: number;
}

/** A refused tap, said with the person's name. */
function refusal(error: unknown, name: string, checkedIn: boolean): unknown {
  const what = checkedIn ? `${name} was not checked in.` : `${name} is still checked in.`;
  const why = error instanceof ApiError ? error.message : 'Steward could not be reached.';
  return new ApiError(
    error instanceof ApiError ? error.status : 0,
    error instanceof ApiError ? error.code : 'network_error',
    `${what} ${why}`,
    [],
    error instanceof ApiError ? error.requestId : null,
  );
}

/**
 * The door of one session (or the event itself), for a phone held in one hand: a large search
 * box that filters as one types, the people as big toggle rows, the counts at the top kept fresh
 * every few seconds, and a short "Undo" after each tap. A tap shows at once and is put back,
 * with a message, if the server refuses it. Names only: never addresses.
 */
export function CheckinDesk({
  eventId,
  sessionId,
  timeZone,
  searchRef,
}: {
  eventId: string;
  sessionId: string | null;
  /** The event's: check-in times are said on its clock. */
  timeZone: string;
  /** The search box, which the page focuses when it opens. */
  searchRef?: Ref<HTMLInputElement>;
}) {
  const [typed, setTyped] = useState('');
  // Short: the list narrows while typing, without a request per letter.
  const [q] = useDebouncedValue(typed.trim(), 200);
  const people = useCheckinPeople(eventId, sessionId, q, { enabled: true });
  const toggle = useToggleCheckin(eventId, sessionId);
  const [last, setLast] = useState<LastTap | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const taps = useRef(0);

  useEffect(() => {
    if (!last) return;
    const timer = setTimeout(() => setLast((now) => (now?.at === last.at ? null : now)), UNDO_MS);
    return () => clearTimeout(timer);
  }, [last]);

  const tap = async (person: CheckinPerson) => {
    const checkedIn = !person.checkedIn;
    const at = ++taps.current;
    setFailure(null);
    setLast({ person, checkedIn, at });
    try {
      await toggle.mutateAsync({ person, checkedIn });
    } catch (error) {
      setLast((now) => (now?.at === at ? null : now));
      setFailure(refusal(error, person.name, checkedIn));
    }
  };

  const undo = (tapped: LastTap) => {
    // The row as it is now: the tap already showed.
    const current = people.data?.people.find((p) => p.rsvpId === tapped.person.rsvpId) ?? {
      ...tapped.person,
      checkedIn: tapped.checkedIn,
    };
    // Changed again meanwhile (another tap, or another door): nothing left to undo.
    if (current.checkedIn !== tapped.checkedIn) setLast(null);
    else void tap(current);
  };

  const failed = failure ? <ErrorAlert error={failure} title="That tap did not count" /> : null;
  if (doorClosed(people.error)) {
    return (
      <Stack gap="sm">
        {failed}
        <ClosedDoor />
      </Stack>
    );
  }

  const data = people.data;
  return (
    <Stack gap="sm">
      <div className={classes.sticky}>
        <Stack gap="xs">
          {data ? <CheckinCounts counts={data.counts} large /> : null}
          <TextInput
            type="search"
            size="lg"
            label="Find a name"
            placeholder="Start typing a name"
            ref={searchRef}
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="search"
            maxLength={200}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
          />
        </Stack>
      </div>
      <TapResult last={last} onUndo={undo} />
      {failed}
      {people.error ? (
        <ErrorAlert
          error={people.error}
          title={data ? 'The list could not be refreshed' : 'The list could not be loaded'}
        />
      ) : null}
      {!data ? (
        people.isPending ? (
          <Loading label="Loading the people" />
        ) : null
      ) : data.people.length === 0 ? (
        <Text>{q ? `Nobody matches “${q}”.` : 'Nobody is expected here yet.'}</Text>
      ) : (
        <>
          <Stack component="ul" gap="xs" className={classes.list} aria-label="People">
            {data.people.map((p) => (
              <CheckinRow
                key={p.rsvpId}
                person={p}
                timeZone={timeZone}
                onToggle={(person) => void tap(person)}
              />
            ))}
          </Stack>
          {/* The server lists the first people by name: a long list stays quick on a phone. */}
          {data.total > data.people.length ? (
            <Text size="sm" c="dimmed">
              {`Showing ${data.people.length} of ${data.total}: type a name to find someone else.`}
            </Text>
          ) : null}
        </>
      )}
    </Stack>
  );
}

/**
 * What the last tap did, announced politely, with its Undo while it is fresh. The live region
 * stays in the page (empty in between), so screen readers hear each new tap.
 */
function TapResult({ last, onUndo }: { last: LastTap | null; onUndo: (tap: LastTap) => void }) {
  return (
    <Paper
      withBorder={Boolean(last)}
      p={last ? 'sm' : 0}
      radius="md"
      bg={last ? 'gray.0' : undefined}
    >
      <Group gap="sm" justify="space-between" wrap="nowrap">
        <Text role="status" fw={500} className={classes.wrap}>
          {last
            ? last.checkedIn
              ? `${last.person.name} checked in.`
              : `${last.person.name} no longer checked in.`
            : ''}
        </Text>
        {last ? (
          <Button
            variant="default"
            size="md"
            onClick={() => onUndo(last)}
            aria-label={`Undo: ${last.checkedIn ? 'check-in' : 'removal'} of ${last.person.name}`}
          >
            Undo
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
