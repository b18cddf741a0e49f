import { useState } from 'react';
import { Avatar, Group, Paper, Stack, Text } from '@mantine/core';
import { useMembers, type Member } from '../../api/organizations';
import { pageCount } from '../../api/page';
import { ErrorAlert } from '../../components/error-alert';
import { Pager } from '../../components/pager';
import { formatInstant } from '../shared/instant';
import { roleLabel } from '../shared/role-label';
import classes from './organization-list.module.css';
import { Loading } from '../../components/loading';

const scopeText = (m: Member) =>
  m.scope.type === 'organization' ? 'the whole organization' : `the ${m.scope.name} chapter`;

/** An organization's members: its admins, viewers and chapter leaders, with where they hold it. */
export function MemberList({ orgId }: { orgId: string }) {
  const [page, setPage] = useState(1);
  const members = useMembers(orgId, page);
  const data = members.data;
  if (members.error)
    return <ErrorAlert error={members.error} title="Members could not be loaded" />;
  if (!data) return <Loading label="Loading members" />;
  if (data.items.length === 0) return <Text>No members yet.</Text>;
  return (
    <Stack gap="xs">
      <Stack component="ul" gap="xs" className={classes.list}>
        {data.items.map((m) => (
          <Paper
            component="li"
            key={`${m.userId}-${m.role}-${m.scope.id}`}
            withBorder
            p="xs"
            radius="md"
          >
            <Group gap="sm" wrap="nowrap">
              <Avatar
                src={m.image}
                alt=""
                aria-hidden
                name={m.name}
                color="blue.8"
                variant="filled"
                size={32}
              />
              <Stack gap={0} miw={0}>
                <Text fw={600} className={classes.name}>
                  {m.name}
                </Text>
                <Text size="sm" className={classes.name}>
                  {roleLabel(m.role)} of {scopeText(m)}
                  {m.expiresAt ? `, until ${formatInstant(m.expiresAt)}` : ''}
                </Text>
              </Stack>
            </Group>
          </Paper>
        ))}
      </Stack>
      <Pager
        page={page}
        pages={pageCount(data)}
        onPage={setPage}
        previous="Previous"
        next="Next"
        label="Pages of members"
      />
    </Stack>
  );
}
