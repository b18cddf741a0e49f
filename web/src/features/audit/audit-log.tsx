import { useState, type FormEvent } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useSearchParams } from 'react-router';
import {
  auditCsvUrl,
  auditFilterNames,
  useAuditLog,
  useDeniedSignIns,
  type AuditEntry,
  type AuditFilters,
  type AuditScope,
} from '../../api/audit';
import { pageCount } from '../../api/page';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Pager } from '../../components/pager';
import { Section } from '../../components/section';
import { formatInstant } from '../shared/instant';

type TextFilter = Exclude<(typeof auditFilterNames)[number], 'outcome'>;

/** The filters as the address holds them. */
function useAddressFilters() {
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = {};
  for (const name of auditFilterNames) {
    const value = params.get(name);
    if (!value) continue;
    if (name === 'outcome') {
      if (value === 'denied' || value === 'success') filters.outcome = value;
    } else {
      filters[name] = value;
    }
  }
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  /** Replaces the filters (and goes back to the first page). */
  const setFilters = (next: AuditFilters) =>
    setParams(() => {
      const out = new URLSearchParams();
      for (const name of auditFilterNames) {
        const value = next[name];
        if (value) out.set(name, value);
      }
      return out;
    });
  const goTo = (p: number) =>
    setParams((old) => {
      const out = new URLSearchParams(old);
      if (p === 1) out.delete('page');
      else out.set('page', String(p));
      return out;
    });
  return { filters, page, setFilters, goTo };
}

const entries = (n: number) => (n === 1 ? '1 entry' : `${n} entries`);

/**
 * An audit log (one scope's): the filters and the page kept in the address, all entries or the
 * denied attempts, each entry with who, what, old → new and why; the CSV of the same filters.
 */
export function AuditLog({ scope }: { scope: AuditScope }) {
  const { filters, page, setFilters, goTo } = useAddressFilters();
  const log = useAuditLog(scope, filters, page, { enabled: true });
  const denied = filters.outcome === 'denied';
  const data = log.data;

  return (
    <Stack gap="lg">
      <SegmentedControl
        aria-label="Which entries"
        value={denied ? 'denied' : 'all'}
        onChange={(v) => {
          const next = { ...filters };
          if (v === 'denied') next.outcome = 'denied';
          else delete next.outcome;
          setFilters(next);
        }}
        data={[
          { value: 'all', label: 'All entries' },
          { value: 'denied', label: 'Denied attempts' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <FilterForm
        key={JSON.stringify(filters)}
        filters={filters}
        onApply={setFilters}
        system={scope.type === 'system'}
      />
      {log.error ? <ErrorAlert error={log.error} title="The log could not be loaded" /> : null}
      {!data ? (
        log.isPending ? (
          <Loading label="Loading the log" />
        ) : null
      ) : (
        <>
          <Group justify="space-between">
            <Text size="sm" role="status">
              {denied ? 'Denied attempts' : 'Entries'}: {entries(data.total)}, newest first.
            </Text>
            <Anchor href={auditCsvUrl(scope, filters)} download>
              Download as CSV
            </Anchor>
          </Group>
          {data.items.length === 0 ? (
            <Text>
              {denied ? 'No denied attempts' : 'No entries'}
              {Object.keys(filters).some((k) => k !== 'outcome') ? ' match these filters.' : '.'}
            </Text>
          ) : (
            <Stack
              gap="sm"
              component="ol"
              aria-label={denied ? 'Denied attempts' : 'Entries'}
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
            >
              {data.items.map((entry) => (
                <li key={entry.id}>
                  <EntryCard entry={entry} />
                </li>
              ))}
            </Stack>
          )}
          <Pager page={page} pages={pageCount(data)} onPage={goTo} />
        </>
      )}
      {scope.type === 'system' && denied ? (
        <DeniedSignIns
          range={{
            ...(filters.from ? { from: filters.from } : {}),
            ...(filters.to ? { to: filters.to } : {}),
          }}
        />
      ) : null}
    </Stack>
  );
}

const fields: { name: TextFilter; label: string; description: string; type?: string }[] = [
  { name: 'actor', label: 'Who', description: 'A name or a user id' },
  {
    name: 'action',
    label: 'Action',
    description: 'report.state.change, or report. for all of them',
  },
  { name: 'targetType', label: 'Target type', description: 'report, user, event, …' },
  { name: 'targetId', label: 'Target id', description: 'The id of one record' },
  { name: 'from', label: 'From', description: 'On or after this day (UTC)', type: 'date' },
  { name: 'to', label: 'To', description: 'On or before this day (UTC)', type: 'date' },
];

// Email addresses are searchable in the system log only (the server decides; see its schema).
const actorInSystemLog = 'A name, an email address or a user id';

function FilterForm({
  filters,
  onApply,
  system,
}: {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
  system: boolean;
}) {
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: AuditFilters = {};
    for (const { name } of fields) {
      const value = draft[name]?.trim();
      if (value) next[name] = value;
    }
    if (filters.outcome) next.outcome = filters.outcome;
    onApply(next);
  };
  return (
    <form onSubmit={submit} aria-label="Filters">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {fields.map((f) => (
            <TextInput
              key={f.name}
              label={f.label}
              description={system && f.name === 'actor' ? actorInSystemLog : f.description}
              type={f.type ?? 'text'}
              value={draft[f.name] ?? ''}
              onChange={(e) => setDraft({ ...draft, [f.name]: e.currentTarget.value })}
            />
          ))}
        </SimpleGrid>
        <Group>
          <Button type="submit">Apply filters</Button>
          <Button
            variant="default"
            onClick={() => onApply(filters.outcome ? { outcome: filters.outcome } : {})}
          >
            Clear filters
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A recorded value, compact: JSON for objects, the text itself for strings. */
function shown(value: unknown) {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function EntryCard({ entry }: { entry: AuditEntry }) {
  const before = shown(entry.before);
  const after = shown(entry.after);
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Code>{entry.action}</Code>
          {entry.outcome === 'denied' ? (
            <Badge color="red.8" variant="filled">
              Denied
            </Badge>
          ) : null}
          <Text size="sm">
            by {entry.actor ? entry.actor.name : 'nobody signed in'} ·{' '}
            <time dateTime={entry.occurredAt}>{formatInstant(entry.occurredAt)}</time>
          </Text>
        </Group>
        {entry.target ? (
          <Text size="sm">
            Target: {entry.target.type} <Code>{entry.target.id}</Code>
          </Text>
        ) : null}
        {before !== null || after !== null ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Code>{before ?? '—'}</Code> → <Code>{after ?? '—'}</Code>
          </Text>
        ) : null}
        {entry.reason ? <Text size="sm">Reason: {entry.reason}</Text> : null}
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          Request {entry.requestId ?? 'none'}
          {entry.ipAddress !== undefined ? ` · from ${entry.ipAddress ?? 'unknown address'}` : ''}
          {entry.userAgent ? ` · ${entry.userAgent}` : ''}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The system admins' view of refused sign-ins, grouped by the address tried. */
function DeniedSignIns({ range }: { range: { from?: string; to?: string } }) {
  const [page, setPage] = useState(1);
  const list = useDeniedSignIns(range, page, { enabled: true });
  return (
    <Section title="Refused sign-ins by address">
      {list.error ? <ErrorAlert error={list.error} title="They could not be loaded" /> : null}
      {!list.data ? (
        list.isPending ? (
          <Loading label="Loading" />
        ) : null
      ) : list.data.items.length === 0 ? (
        <Text>No refused sign-ins.</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Address tried</Table.Th>
                  <Table.Th scope="col">Attempts</Table.Th>
                  <Table.Th scope="col">From how many clients</Table.Th>
                  <Table.Th scope="col">Last</Table.Th>
                  <Table.Th scope="col">Account</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((row) => (
                  <Table.Tr key={row.email}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {row.email || '(second step: a wrong code)'}
                    </Table.Td>
                    <Table.Td>{row.attempts}</Table.Td>
                    <Table.Td>{row.addresses}</Table.Td>
                    <Table.Td>
                      <time dateTime={row.lastAt}>{formatInstant(row.lastAt)}</time>
                    </Table.Td>
                    <Table.Td>{row.knownAccount ? 'Exists' : 'None'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            page={page}
            pages={pageCount(list.data)}
            onPage={setPage}
            label="Refused sign-ins pages"
          />
        </>
      )}
    </Section>
  );
}
