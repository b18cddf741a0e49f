import { ApiError } from '../../api/client';
import type { TeamKind } from '../../api/teams';

/** How the team page names its scope and its admin role. */
export const teamWords: Record<TeamKind, { scope: string; admin: string }> = {
  event: { scope: 'event', admin: 'event admin' },
  organization: { scope: 'organization', admin: 'organization admin' },
};

/**
 * A refusal to take away the last admin, said in the team page's words: who must be named
 * first. Any other error is returned as it is.
 */
export function explainLastAdmin(error: unknown, kind: TeamKind, who: 'you' | string): unknown {
  if (!(error instanceof ApiError) || error.code !== 'last_admin') return error;
  const { scope, admin } = teamWords[kind];
  const message =
    who === 'you'
      ? `You are the only ${admin} of this ${scope}. Make someone else an ${admin} first, then you can leave.`
      : `${who} is the only ${admin} of this ${scope}, which always needs one. Make someone else an ${admin} first.`;
  return new ApiError(error.status, error.code, message, error.details, error.requestId);
}
