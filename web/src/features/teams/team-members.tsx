import { useState } from 'react';
import { SegmentedControl, Stack, Text, TextInput, useMatches } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { pageCount } from '../../api/page';
import { teamRoles, type TeamKind, type TeamMember, type TeamPage } from '../../api/teams';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Pager } from '../../components/pager';
import type { useAddressSearch } from '../../components/use-address-search';
import { roleLabel } from '../shared/role-label';
import { MemberDialog } from './member-dialogs';
import { MemberRow, type MemberAction } from './member-row';
import classes from './teams.module.css';

const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/** A member's row key: someone may hold a role here and inherit one from above as well. */
const memberKey = (m: TeamMember) =>
  m.inheritedFrom ? `${m.userId}-${m.inheritedFrom.type}-${m.inheritedFrom.id}` : m.userId;

/**
 * A team's members, filtered by role and searched by name (both kept in the address), a page at
 * a time; each with the actions the server allows, confirmed in a dialog.
 */
export function TeamMembers({
  kind,
  id,
  scopeName,
  search,
  team,
}: {
  kind: TeamKind;
  id: string;
  scopeName: string;
  search: ReturnType<typeof useAddressSearch>;
  team: UseQueryResult<TeamPage>;
}) {
  const { q, page, typed, setTyped, goTo, filter, setFilter } = search;
  const role = filter('role');
  const [open, setOpen] = useState<{ member: TeamMember; action: MemberAction } | null>(null);
  const orientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', sm: 'horizontal' });
  const data = team.data;

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Show members by role"
        orientation={orientation}
        fullWidth
        value={role ?? 'all'}
        onChange={(v) => setFilter('role', v === 'all' ? null : v)}
        data={[
          { value: 'all', label: 'All roles' },
          ...teamRoles[kind].map((r) => ({ value: r, label: roleLabel(r) })),
        ]}
      />
      <TextInput
        type="search"
        label="Search members by name"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        autoComplete="off"
        maxLength={200}
      />
      {team.error ? <ErrorAlert error={team.error} title="The team could not be loaded" /> : null}
      {!data ? (
        team.isPending ? (
          <Loading label="Loading the team" />
        ) : null
      ) : data.items.length === 0 ? (
        <Text role="status">
          {q
            ? `Nobody on the team matches “${q}”.`
            : role
              ? `Nobody is ${roleLabel(role)} here.`
              : 'Nobody is on the team yet.'}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {people(data.total)}
            {q ? ` matching “${q}”` : ''}
            {role ? ` as ${roleLabel(role)}` : ''}.
          </Text>
          <Stack component="ul" gap="xs" className={classes.list}>
            {data.items.map((m) => (
              <MemberRow
                key={memberKey(m)}
                kind={kind}
                member={m}
                onAction={(action) => setOpen({ member: m, action })}
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
        label="Pages of members"
      />
      {open ? (
        <MemberDialog
          kind={kind}
          id={id}
          scopeName={scopeName}
          member={open.member}
          action={open.action}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </Stack>
  );
}
