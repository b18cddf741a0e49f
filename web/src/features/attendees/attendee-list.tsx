import { useState } from 'react';
import { SegmentedControl, Stack, Text, TextInput, useMatches } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Attendee, AttendeeFilter, AttendeesPage } from '../../api/attendees';
import { pageCount } from '../../api/page';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Pager } from '../../components/pager';
import type { useAddressSearch } from '../../components/use-address-search';
import { AttendeeRow } from './attendee-row';
import { people } from './attendee-words';
import { CheckinerDialog } from './checkiner-dialog';
import classes from './attendees.module.css';

const kinds = [
  { value: 'all', label: 'Everyone' },
  { value: 'attendee', label: 'Attendees' },
  { value: 'volunteer', label: 'Volunteers' },
];
const statuses = [
  { value: 'all', label: 'Any place' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'waitlisted', label: 'Waitlisted' },
];

const one = <T extends string>(value: string | null, allowed: readonly T[]): T | null =>
  allowed.find((a) => a === value) ?? null;

/** The list's filter as the address holds it; a value the list does not know counts as none. */
export function attendeeFilter(search: ReturnType<typeof useAddressSearch>): AttendeeFilter {
  return {
    kind: one(search.filter('kind'), ['attendee', 'volunteer'] as const),
    status: one(search.filter('status'), ['confirmed', 'waitlisted'] as const),
    q: search.q,
    page: search.page,
  };
}

/** What the list holds, in words: "3 people matching “ana” among volunteers, waitlisted." */
function describe(total: number, q: string, kind: string | null, status: string | null) {
  return [
    people(total),
    q ? ` matching “${q}”` : '',
    kind ? ` among ${kind === 'attendee' ? 'attendees' : 'volunteers'}` : '',
    status ? `, ${status}` : '',
    '.',
  ].join('');
}

/**
 * An event's attendees, filtered by kind and place and searched by name (all kept in the
 * address), a page at a time; making someone a checkiner or not, where the caller may.
 */
export function AttendeeList({
  eventId,
  search,
  list,
  sessionNames,
  canAssign,
}: {
  eventId: string;
  search: ReturnType<typeof useAddressSearch>;
  list: UseQueryResult<AttendeesPage>;
  sessionNames: ReadonlyMap<string, string> | null;
  canAssign: boolean;
}) {
  const { q, page, typed, setTyped, goTo, setFilter } = search;
  const { kind, status } = attendeeFilter(search);
  const [changing, setChanging] = useState<Attendee | null>(null);
  const orientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', sm: 'horizontal' });
  const data = list.data;
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Show by kind"
        orientation={orientation}
        fullWidth
        value={kind ?? 'all'}
        onChange={(v) => setFilter('kind', v === 'all' ? null : v)}
        data={kinds}
      />
      <SegmentedControl
        aria-label="Show by place"
        orientation={orientation}
        fullWidth
        value={status ?? 'all'}
        onChange={(v) => setFilter('status', v === 'all' ? null : v)}
        data={statuses}
      />
      <TextInput
        type="search"
        label="Search by name"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        autoComplete="off"
        maxLength={200}
      />
      {list.error ? (
        <ErrorAlert error={list.error} title="The attendees could not be loaded" />
      ) : null}
      {!data ? (
        list.isPending ? (
          <Loading label="Loading the attendees" />
        ) : null
      ) : data.items.length === 0 ? (
        <Text role="status">
          {q || kind || status ? 'Nobody matches these filters.' : 'Nobody has RSVP’d yet.'}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {describe(data.total, q, kind, status)}
          </Text>
          <Stack component="ul" gap="xs" className={classes.list} aria-label="Attendees">
            {data.items.map((a) => (
              <AttendeeRow
                key={a.rsvpId}
                attendee={a}
                sessionNames={sessionNames}
                canAssign={canAssign}
                onCheckiner={setChanging}
              />
            ))}
          </Stack>
        </>
      )}
      <Pager
        page={page}
        pages={pageCount(data)}
        onPage={goTo}
        previous="Previous"
        next="Next"
        label="Pages of attendees"
      />
      {changing ? (
        <CheckinerDialog eventId={eventId} attendee={changing} onClose={() => setChanging(null)} />
      ) : null}
    </Stack>
  );
}
