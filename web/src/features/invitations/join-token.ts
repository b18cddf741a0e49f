import { forgetKeptLinkToken, useKeptLinkToken } from '../auth/kept-link-token';

const KEY = 'steward.join-token';

/** The token of an invite link (`/join#token=…`), or the one kept in this tab. */
export const useJoinToken = () => useKeptLinkToken(KEY);

/** Forgets the kept token: the link was used, or no longer works. */
export const forgetJoinToken = () => forgetKeptLinkToken(KEY);
