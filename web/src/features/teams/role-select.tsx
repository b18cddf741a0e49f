import { NativeSelect } from '@mantine/core';
import { roleLabel } from '../shared/role-label';

/** What each role given on a team page lets its holder do, under the select. */
const duties: Record<string, string> = {
  event_admin: 'Manages the event: its settings, its team and all its incident reports.',
  responder: "Handles the event's incident reports.",
  reporter: 'Reports incidents at the event and follows their own reports.',
  org_admin: 'Manages the organization and all of its events.',
  org_viewer: 'Sees the organization, its members and its public events; changes nothing.',
};

/** A native select of the roles the server lets the caller give, each in words. */
export function RoleSelect({
  roles,
  value,
  onChange,
  error,
  label = 'Role',
}: {
  roles: readonly string[];
  value: string;
  onChange: (role: string) => void;
  error?: string | undefined;
  label?: string;
}) {
  return (
    <NativeSelect
      label={label}
      description={duties[value]}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
      error={error}
    />
  );
}
