import { Text, TextInput } from '@mantine/core';
import { useAdminUsers } from '../api/admin';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { pageCount } from '../api/page';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Pager } from '../components/pager';
import { useAddressSearch } from '../components/use-address-search';
import { UserList } from '../features/admin/user-list';
import { Loading } from '../components/loading';

/** Administration: find people, deactivate them, reset two-factor, give system roles. */
export function UsersPage() {
  const session = useSession();
  const { q, page, typed, setTyped, goTo } = useAddressSearch();
  const users = useAdminUsers(q, page, { enabled: Boolean(session.data) });

  const gate = pageGate('Users', session, users.error);
  if (gate) return gate;

  const data = users.data;
  const pages = pageCount(data);

  return (
    <Page title="Users">
      <TextInput
        type="search"
        label="Search by name or email"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        autoComplete="off"
        maxLength={200}
      />
      {users.error ? <ErrorAlert error={users.error} title="Users could not be loaded" /> : null}
      {!data ? (
        users.isPending ? (
          <Loading label="Loading" />
        ) : null
      ) : data.items.length === 0 ? (
        <Text role="status">{q ? `Nobody matches “${q}”.` : 'Nobody has an account yet.'}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {data.total === 1 ? '1 person' : `${data.total} people`}
            {q ? ` matching “${q}”` : ''}, newest first.
          </Text>
          <UserList users={data.items} />
        </>
      )}
      <Pager page={page} pages={pages} onPage={goTo} />
    </Page>
  );
}
