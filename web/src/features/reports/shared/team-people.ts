import type { TeamMember } from '../../../api/teams';

/**
 * Each person of a team once. The team lists a person once per role they hold there (an explicit
 * role and one inherited from the organization or a chapter, say); a list to choose a person from
 * needs them once, under the first (explicit-first) of those rows.
 */
export function eachPersonOnce(team: TeamMember[]): TeamMember[] {
  const seen = new Set<string>();
  return team.filter((m) => {
    if (seen.has(m.userId)) return false;
    seen.add(m.userId);
    return true;
  });
}
