import { Anchor, Group, Switch, Text, TextInput } from '@mantine/core';
import { Link, useLocation, useNavigate } from 'react-router';
import { pageCount } from '../api/page';
import { useLocations, useRegion } from '../api/places';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { Pager } from '../components/pager';
import { Section } from '../components/section';
import { useAddressSearch } from '../components/use-address-search';
import { withNext } from '../features/auth/next-path';
import { LocationList } from '../features/places/location-list';
import { NewLocationForm } from '../features/places/new-location-form';
import { DoneNotice } from '../features/places/notice';
import { RegionPicker } from '../features/places/region-picker';

/**
 * Every location, by name (anyone may look): searchable, filtered by region, archived ones only
 * when asked; creating one for those signed in. The search and filters live in the address.
 */
export function LocationsPage() {
  const session = useSession();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const { q, page, typed, setTyped, goTo, filter, setFilter } = useAddressSearch();
  const regionId = filter('region');
  const withArchived = filter('archived') === 'include';
  // The filter's region by name (the address holds only its id).
  const region = useRegion(regionId ?? '', { enabled: Boolean(regionId) });
  const locations = useLocations({
    q,
    regionId,
    archived: withArchived ? 'include' : 'exclude',
    page,
  });
  const data = locations.data;
  const regionChoice = regionId
    ? { id: regionId, name: region.data?.name ?? (region.isError ? 'Unknown region' : '…') }
    : null;

  return (
    <Page title="Locations">
      <DoneNotice />
      <Text>
        The places where events take place, shared by every organization. Their name and address are
        public.{' '}
        <Anchor component={Link} to="/regions">
          Regions
        </Anchor>
      </Text>
      <TextInput
        type="search"
        label="Search by name"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        autoComplete="off"
        maxLength={200}
      />
      <Group align="flex-end" gap="md" wrap="wrap">
        <div style={{ flex: '1 1 14rem', minWidth: 0 }}>
          <RegionPicker
            label="Region"
            value={regionChoice}
            onChange={(r) => setFilter('region', r?.id ?? null)}
          />
        </div>
        <Switch
          label="Show archived"
          checked={withArchived}
          onChange={(e) => setFilter('archived', e.currentTarget.checked ? 'include' : null)}
          mb={8}
        />
      </Group>
      {locations.error ? (
        <ErrorAlert error={locations.error} title="Locations could not be loaded" />
      ) : null}
      {!data ? (
        locations.isPending ? (
          <Loading label="Loading" />
        ) : null
      ) : data.items.length === 0 ? (
        <Text role="status">
          {q || regionId ? 'No location matches.' : 'There are no locations yet.'}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {data.total === 1 ? '1 location' : `${data.total} locations`}
            {q ? ` matching “${q}”` : ''}
            {withArchived ? ', archived ones included' : ''}, by name.
          </Text>
          <LocationList locations={data.items} />
        </>
      )}
      <Pager page={page} pages={pageCount(data)} onPage={goTo} previous="Previous" next="Next" />
      {session.data ? (
        <Section title="New location">
          <NewLocationForm
            onCreated={(location) =>
              navigate(`/locations/${encodeURIComponent(location.id)}`, {
                state: { notice: `The location ${location.name} is created.` },
              })
            }
          />
        </Section>
      ) : session.isPending ? null : (
        <Text>
          <Anchor component={Link} to={withNext('/sign-in', pathname + search)}>
            Sign in
          </Anchor>{' '}
          to add a location.
        </Text>
      )}
    </Page>
  );
}
