import { Anchor, Text, TextInput } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { pageCount } from '../api/page';
import { useRegions } from '../api/places';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { Pager } from '../components/pager';
import { Section } from '../components/section';
import { useAddressSearch } from '../components/use-address-search';
import { withNext } from '../features/auth/next-path';
import { DoneNotice } from '../features/places/notice';
import { NewRegionForm } from '../features/places/region-form';
import { RegionList } from '../features/places/region-list';

/** Every region, by name and searchable (anyone may look); creating one for those signed in. */
export function RegionsPage() {
  const session = useSession();
  const { pathname, search } = useLocation();
  const { q, page, typed, setTyped, goTo } = useAddressSearch();
  const regions = useRegions(q, page);
  const data = regions.data;

  return (
    <Page title="Regions">
      <DoneNotice />
      <Text>
        Regions group the locations where events take place. They are shared by every organization;
        their leaders look after the locations in them.{' '}
        <Anchor component={Link} to="/locations">
          All locations
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
      {regions.error ? (
        <ErrorAlert error={regions.error} title="Regions could not be loaded" />
      ) : null}
      {!data ? (
        regions.isPending ? (
          <Loading label="Loading" />
        ) : null
      ) : data.items.length === 0 ? (
        <Text role="status">{q ? `No region matches “${q}”.` : 'There are no regions yet.'}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {data.total === 1 ? '1 region' : `${data.total} regions`}
            {q ? ` matching “${q}”` : ''}, by name.
          </Text>
          <RegionList regions={data.items} />
        </>
      )}
      <Pager page={page} pages={pageCount(data)} onPage={goTo} previous="Previous" next="Next" />
      {session.data ? (
        <Section title="New region">
          <Text size="sm">You become its leader, and can add others.</Text>
          <NewRegionForm />
        </Section>
      ) : session.isPending ? null : (
        <Text>
          <Anchor component={Link} to={withNext('/sign-in', pathname + search)}>
            Sign in
          </Anchor>{' '}
          to create a region.
        </Text>
      )}
    </Page>
  );
}
