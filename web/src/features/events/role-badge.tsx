import { Badge } from '@mantine/core';
import type { EventRoleName, MyEventRole } from '../../api/event-summary';

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

/** The caller's role in an event, as a badge. */
export function MyRoleBadge({ role }: { role: MyEventRole }) {
  return (
    <Badge component="span" variant="light" color="blue.9" tt="none" maw="100%">
      {myRoleText(role)}
    </Badge>
  );
}
