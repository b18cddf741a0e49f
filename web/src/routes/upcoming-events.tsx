import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { usePublicEvents, usePublicRegions, type PublicEventListing } from '../api/listings';
import { pageCount } from '../api/page';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { Pager } from '../components/pager';
import { useAddressSearch } from '../components/use-address-search';
import { ListingRow } from '../features/listings/listing-row';
import classes from '../features/listings/listings.module.css';

const events = (n: number) => (n === 1 ? '1 event' : `${n} events`);

/**
 * Upcoming public events for everyone (`/upcoming`), the soonest first: searched, filtered by
 * region and organization, and paged, all kept in the address (reloads, shared links, back).
 */
export function UpcomingEventsPage() {
  const search = useAddressSearch();
  const { q, page, typed, setTyped, goTo, filter, setFilter } = search;
  const regionId = filter('region') ?? '';
  const organizationId = filter('organization') ?? '';
  const listing = usePublicEvents({ regionId, organizationId, q }, page);
  const regions = usePublicRegions();
  const [params] = useSearchParams();
  const data = listing.data;
  const anyFilter = Boolean(q || regionId || organizationId);

  // The listing narrowed to one organization (its events name it), the other filters kept.
  const organizationLink = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('organization', id);
    next.delete('page');
    return `/upcoming?${next.toString()}`;
  };
  const organizationName =
    data?.items.find((e) => e.organization.id === organizationId)?.organization.name ?? null;
  const regionOptions = regions.data ?? [];

  return (
    <Page title="Upcoming events" wide>
      <Text>Public events you can go to, the soonest first. Open one to RSVP.</Text>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="search"
            label="Search events"
            description="Words in the event’s name"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            maxLength={200}
          />
          <NativeSelect
            label="Region"
            description="Where the event takes place"
            value={regionId}
            onChange={(e) => setFilter('region', e.currentTarget.value || null)}
            data={[
              { value: '', label: 'All regions' },
              ...regionOptions.map((r) => ({
                value: r.id,
                label: `${r.name} (${events(r.eventCount)})`,
              })),
              // Every region is listed, with or without events: one the link names that is not
              // (removed since, or a mistyped link) stays chosen, its name unknown.
              ...(regionId && !regionOptions.some((r) => r.id === regionId)
                ? [{ value: regionId, label: 'The region of the link' }]
                : []),
            ]}
          />
        </SimpleGrid>
        {organizationId ? (
          <Group gap="xs" wrap="wrap">
            <Text size="sm">
              Only events by <strong>{organizationName ?? 'one organization'}</strong>.
            </Text>
            <Button variant="subtle" onClick={() => setFilter('organization', null)}>
              Show all organizations
            </Button>
          </Group>
        ) : null}
        {regions.error ? (
          <ErrorAlert error={regions.error} title="The regions could not be loaded" />
        ) : null}
      </Stack>
      {listing.error ? (
        <ErrorAlert error={listing.error} title="The events could not be loaded" />
      ) : null}
      {!data ? (
        listing.isPending ? (
          <Loading label="Loading the events" />
        ) : null
      ) : (
        <Results
          items={data.items}
          total={data.total}
          page={page}
          anyFilter={anyFilter}
          organizationLink={organizationLink}
        />
      )}
      <Pager
        page={page}
        pages={pageCount(data)}
        onPage={goTo}
        previous="Sooner"
        next="Later"
        label="Pages of events"
      />
    </Page>
  );
}

function Results({
  items,
  total,
  page,
  anyFilter,
  organizationLink,
}: {
  items: PublicEventListing[];
  total: number;
  page: number;
  anyFilter: boolean;
  organizationLink: (id: string) => string;
}) {
  if (items.length === 0) {
    return (
      <Text role="status">
        {page > 1
          ? 'Nothing more on this page.'
          : anyFilter
            ? 'No upcoming events match these filters.'
            : 'No upcoming public events yet.'}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" role="status">
        {events(total)}
        {anyFilter ? ' match' : ''}.
      </Text>
      <Stack component="ul" gap="xs" className={classes.list} aria-label="Upcoming events">
        {items.map((event) => (
          <ListingRow
            key={event.slug}
            event={event}
            organizationLink={organizationLink(event.organization.id)}
          />
        ))}
      </Stack>
    </Stack>
  );
}
