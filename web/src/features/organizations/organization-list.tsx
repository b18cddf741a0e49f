import { Anchor, Avatar, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { OrganizationSummary } from '../../api/organizations';
import { roleLabel } from '../shared/role-label';
import classes from './organization-list.module.css';

/** Organizations, each linking to its page, with the caller's roles there. */
export function OrganizationList({ organizations }: { organizations: OrganizationSummary[] }) {
  return (
    <Stack component="ul" gap="xs" className={classes.list}>
      {organizations.map((org) => (
        <Paper component="li" key={org.id} withBorder p="sm" radius="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            {/* Beside the name, which says the same: decorative. */}
            <Avatar
              src={org.logoUrl}
              alt=""
              aria-hidden
              name={org.name}
              radius="sm"
              size={40}
              color="blue.8"
              variant="filled"
            />
            <Stack gap={4} miw={0}>
              <Anchor
                component={Link}
                to={`/orgs/${encodeURIComponent(org.id)}`}
                fw={600}
                className={classes.name}
              >
                {org.name}
              </Anchor>
              <Text size="sm" c="dimmed" className={classes.name}>
                {org.slug}
              </Text>
              {org.myRoles.length ? (
                <Group component="span" gap={6} wrap="wrap">
                  {org.myRoles.map((role) => (
                    <Badge key={role} component="span" variant="outline" color="blue.9" tt="none">
                      {roleLabel(role)}
                    </Badge>
                  ))}
                </Group>
              ) : null}
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
