import { useEvent } from '../../api/events';
import { useOrganization } from '../../api/organizations';
import type { TeamKind } from '../../api/teams';

/** The event or organization a team page is about: its name and its dashboard. */
export function useTeamScope(kind: TeamKind, id: string, opts: { enabled: boolean }) {
  const event = useEvent(id, { enabled: opts.enabled && kind === 'event' });
  const organization = useOrganization(id, { enabled: opts.enabled && kind === 'organization' });
  const scope = kind === 'event' ? event : organization;
  return {
    name: scope.data?.name ?? null,
    error: scope.error,
    path: `/${kind === 'event' ? 'events' : 'orgs'}/${encodeURIComponent(id)}`,
  };
}
