import { forgetKeptLinkToken, useKeptLinkToken } from '../auth/kept-link-token';

const KEY = 'steward.invitation-token';

/** The token of the invitation link (`/invitations#token=…`), or the one kept in this tab. */
export const useInvitationToken = () => useKeptLinkToken(KEY);

/** Forgets the kept token: the invitation is accepted, or can no longer be. */
export const forgetInvitationToken = () => forgetKeptLinkToken(KEY);
