import { SegmentedControl, Stack, Text, TextInput, useMatches } from '@mantine/core';
import { eventStatuses, type EventStatus } from '../../api/event-summary';
import { useOrganizationEvents } from '../../api/organizations';
import { pageCount } from '../../api/page';
import { ErrorAlert } from '../../components/error-alert';
import { Pager } from '../../components/pager';
import { useAddressSearch } from '../../components/use-address-search';
import { EventList, EventRow } from '../events/event-row';
import { statusLabel } from '../events/status-badge';
import { Loading } from '../../components/loading';

const isStatus = (s: string | null): s is EventStatus => eventStatuses.includes(s as EventStatus);

/**
 * An organization's events the caller may see, newest first: filtered by status (with the counts
 * of each), searched by name, a page at a time; filter, search and page live in the address.
 */
export function OrganizationEvents({ orgId }: { orgId: string }) {
  const { q, page, typed, setTyped, goTo, filter, setFilter } = useAddressSearch();
  const raw = filter('status');
  const status = isStatus(raw) ? raw : undefined;
  const events = useOrganizationEvents(orgId, { status, q, page });
  // Side by side where there is room; one under another on a phone.
  const orientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', md: 'horizontal' });
  const data = events.data;
  const counts = data?.counts;
  const count = (s: EventStatus) => (counts ? ` (${counts[s]})` : '');
  const all = counts ? ` (${eventStatuses.reduce((sum, s) => sum + counts[s], 0)})` : '';

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Show events by status"
        orientation={orientation}
        fullWidth
        value={status ?? 'all'}
        onChange={(v) => setFilter('status', v === 'all' ? null : v)}
        data={[
          { value: 'all', label: `All${all}` },
          ...eventStatuses.map((s) => ({ value: s, label: `${statusLabel[s]}${count(s)}` })),
        ]}
      />
      <TextInput
        type="search"
        label="Search events by name"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        autoComplete="off"
        maxLength={200}
      />
      {events.error ? <ErrorAlert error={events.error} title="Events could not be loaded" /> : null}
      {!data ? (
        events.isPending ? (
          <Loading label="Loading events" />
        ) : null
      ) : data.items.length === 0 ? (
        <Text role="status">
          {q
            ? `No event matches “${q}”.`
            : status
              ? `No event is ${statusLabel[status].toLowerCase()}.`
              : 'No events yet.'}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {data.total === 1 ? '1 event' : `${data.total} events`}
            {q ? ` matching “${q}”` : ''}, newest first.
          </Text>
          <EventList>
            {data.items.map((event) => (
              <EventRow key={event.id} event={event} />
            ))}
          </EventList>
        </>
      )}
      <Pager page={page} pages={pageCount(data)} onPage={goTo} label="Pages of events" />
    </Stack>
  );
}
