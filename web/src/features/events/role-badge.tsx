import { Badge, Group, Text } from '@mantine/core';
import type { EventRoleName, MyEventRole } from '../../api/event-summary';
import classes from './role-badge.module.css';

/** Each event role in words. */
export const eventRoleLabel: Record<EventRoleName, string> = {
  event_admin: 'Event admin',
  responder: 'Responder',
  reporter: 'Reporter',
  checkiner: 'Check-in',
};

/** "Event admin", or "Event admin via Acme" when inherited from an organization or chapter. */
export function myRoleText(role: MyEventRole): string {
  const label = eventRoleLabel[role.role];
  return role.via !== 'event' && role.from ? `${label} via ${role.from}` : label;
}

/**
 * The caller's role in an event: the role as a badge, and where an inherited one comes from
 * beside it in plain text (a long organization name wraps rather than being cut off).
 */
export function MyRoleBadge({ role }: { role: MyEventRole }) {
  return (
    <RoleBadge
      label={eventRoleLabel[role.role]}
      from={role.via !== 'event' && role.from ? role.from : null}
    />
  );
}

/** A role as a badge, with "via <where>" beside it when it is inherited from there. */
export function RoleBadge({ label, from }: { label: string; from: string | null }) {
  return (
    <Group component="span" gap={6} wrap="wrap" align="center">
      <Badge component="span" variant="outline" color="blue.9">
        {label}
      </Badge>
      {from ? (
        <Text component="span" size="xs" c="dimmed" className={classes.from}>
          via {from}
        </Text>
      ) : null}
    </Group>
  );
}
