import { useEffect, useRef, useState } from 'react';
import { Loader, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useSearchParams } from 'react-router';
import { useAdminUsers } from '../api/admin';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { Pager } from '../components/pager';
import { adminGate } from '../features/admin/admin-gate';
import { UserList } from '../features/admin/user-list';

/** Administration: find people, deactivate them, reset two-factor, give system roles. */
export function UsersPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const [typed, setTyped] = useState(q);
  const [debounced] = useDebouncedValue(typed.trim(), 300);
  // The search the address holds, as this page last wrote or read it.
  const known = useRef(q);
  useEffect(() => {
    if (q !== known.current) {
      // The address moved by itself (back, forward): the box follows it.
      known.current = q;
      setTyped(q);
      return;
    }
    // Typing settled on a new search: it starts at its first page, and the address keeps it for
    // reloads and sharing.
    if (debounced !== typed.trim() || debounced === q) return;
    known.current = debounced;
    setParams(debounced ? { q: debounced } : {}, { replace: true });
  }, [q, debounced, typed, setParams]);
  const users = useAdminUsers(q, page, { enabled: Boolean(session.data) });

  const gate = adminGate('Users', session, users.error);
  if (gate) return gate;

  const data = users.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const goTo = (p: number) =>
    setParams({ ...(q ? { q } : {}), ...(p === 1 ? {} : { page: String(p) }) });

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
          <Loader aria-label="Loading" />
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
