import { eventRoleLabel } from '../events/role-badge';

const scopeRoleLabel: Record<string, string> = {
  system_admin: 'System admin',
  publisher: 'Publisher',
  org_admin: 'Organization admin',
  org_viewer: 'Organization viewer',
  chapter_leader: 'Chapter leader',
  region_leader: 'Region leader',
};

/** Any role of SPEC §2 in words ("Organization admin"); an unknown one as it is named. */
export function roleLabel(role: string): string {
  return (eventRoleLabel as Record<string, string>)[role] ?? scopeRoleLabel[role] ?? role;
}
