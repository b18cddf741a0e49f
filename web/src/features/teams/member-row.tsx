import { Avatar, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { TeamKind, TeamMember } from '../../api/teams';
import { RoleBadge } from '../events/role-badge';
import { formatInstant } from '../shared/instant';
import { roleLabel } from '../shared/role-label';
import { teamWords } from './team-words';
import classes from './teams.module.css';

/** What can be done with a member from their row; each opens a confirmation. */
export type MemberAction = 'role' | 'expiry' | 'remove' | 'leave';

const inheritedWords = { organization: 'organization', chapter: 'chapter' } as const;

/** Who granted the role and when, its end, and the person's last activity, in one line each. */
function facts(m: TeamMember): string[] {
  const lines: string[] = [];
  if (m.inheritedFrom) {
    lines.push(
      `${roleLabel(m.inheritedFrom.type === 'organization' ? 'org_admin' : 'chapter_leader')} of the ${inheritedWords[m.inheritedFrom.type]} ${m.inheritedFrom.name}`,
    );
  }
  const by = m.grantedBy ? ` by ${m.grantedBy.name}` : '';
  if (m.grantedAt) lines.push(`Granted${by} on ${formatInstant(m.grantedAt)}`);
  lines.push(m.expiresAt ? `Until ${formatInstant(m.expiresAt)}` : 'No end date');
  lines.push(
    m.lastActiveAt ? `Last active ${formatInstant(m.lastActiveAt)}` : 'Not active in Steward yet',
  );
  return lines;
}

/**
 * One member of a team: name, picture, role (with where an inherited one comes from), who
 * granted it and when, its end, their last activity; and the actions the server allows.
 */
export function MemberRow({
  kind,
  member: m,
  onAction,
}: {
  kind: TeamKind;
  member: TeamMember;
  onAction: (action: MemberAction) => void;
}) {
  // Anyone may leave an event they are on; in an organization, leaving is removing oneself.
  // Anyone may leave; the server keeps the last admin (and says so).
  const mayLeave = m.isYou && m.explicit;
  const actions = m.can.changeTo.length > 0 || m.can.setExpiry || m.can.remove || mayLeave;
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Avatar
            src={m.image}
            alt=""
            aria-hidden
            name={m.name}
            color="blue.8"
            variant="filled"
            size={36}
          />
          <Stack gap={4} className={classes.wrap}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600} className={classes.wrap}>
                {m.name}
                {m.isYou ? ' (you)' : ''}
              </Text>
              <RoleBadge
                label={roleLabel(m.role)}
                from={m.inheritedFrom ? m.inheritedFrom.name : null}
              />
            </Group>
            {m.email ? (
              <Text size="sm" className={classes.wrap}>
                {m.email}
              </Text>
            ) : null}
            {facts(m).map((line) => (
              <Text key={line} size="sm" c="dimmed" className={classes.wrap}>
                {line}
              </Text>
            ))}
          </Stack>
        </Group>
        {actions ? (
          <Group gap="xs" wrap="wrap">
            {m.can.changeTo.length > 0 ? (
              <Button
                size="xs"
                variant="default"
                aria-label={`Change role of ${m.name}`}
                onClick={() => onAction('role')}
              >
                Change role
              </Button>
            ) : null}
            {m.can.setExpiry ? (
              <Button
                size="xs"
                variant="default"
                aria-label={`Set end date for ${m.name}`}
                onClick={() => onAction('expiry')}
              >
                Set end date
              </Button>
            ) : null}
            {m.can.remove && !mayLeave ? (
              <Button
                size="xs"
                variant="outline"
                color="red.8"
                aria-label={`Remove ${m.name}`}
                onClick={() => onAction('remove')}
              >
                Remove
              </Button>
            ) : null}
            {mayLeave ? (
              <Button size="xs" variant="outline" color="red.8" onClick={() => onAction('leave')}>
                Leave this {teamWords[kind].scope}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
