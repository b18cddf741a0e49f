import { Button, Group, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useOrganizations } from '../api/organizations';
import { pageCount } from '../api/page';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Pager } from '../components/pager';
import { useAddressSearch } from '../components/use-address-search';
import { OrganizationList } from '../features/organizations/organization-list';
import { Loading } from '../components/loading';

/** The organizations the caller may view (all of them for system admins), by name. */
export function OrganizationsPage() {
  const session = useSession();
  const { q, page, typed, setTyped, goTo } = useAddressSearch();
  const orgs = useOrganizations(q, page, { enabled: Boolean(session.data) });

  const gate = pageGate('Organizations', session, orgs.error);
  if (gate) return gate;

  const isSystemAdmin = session.data?.systemRoles.includes('system_admin') ?? false;
  const data = orgs.data;

  return (
    <Page title="Organizations">
      {isSystemAdmin ? (
        <Group>
          <Button component={Link} to="/orgs/new">
            New organization
          </Button>
        </Group>
      ) : null}
      <TextInput
        type="search"
        label="Search by name"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        autoComplete="off"
        maxLength={200}
      />
      {orgs.error ? (
        <ErrorAlert error={orgs.error} title="Organizations could not be loaded" />
      ) : null}
      {!data ? (
        orgs.isPending ? (
          <Loading label="Loading" />
        ) : null
      ) : data.items.length === 0 ? (
        <Text role="status">
          {q
            ? `No organization matches “${q}”.`
            : 'You are not part of any organization yet. When an organization invites you, it appears here.'}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {data.total === 1 ? '1 organization' : `${data.total} organizations`}
            {q ? ` matching “${q}”` : ''}, by name.
          </Text>
          <OrganizationList organizations={data.items} />
        </>
      )}
      <Pager page={page} pages={pageCount(data)} onPage={goTo} previous="Previous" next="Next" />
    </Page>
  );
}
