import { useEffect, useState } from 'react';
import { useLinkToken } from '../auth/use-link-token';

// Kept in this tab only while the person signs in or creates an account on the way, so the
// invitation page finds its token again when they come back; removed once it is of no more use.
const KEY = 'steward.invitation-token';

function stored(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The token of the invitation link (`/invitations#token=…`), or the one kept in this tab. */
export function useInvitationToken(): string | null {
  const fromLink = useLinkToken();
  const [kept] = useState(stored);
  useEffect(() => {
    if (!fromLink) return;
    try {
      window.sessionStorage.setItem(KEY, fromLink);
    } catch {
      // Storage refused (private mode): the link works, only the round trip through sign-in not.
    }
  }, [fromLink]);
  return fromLink ?? kept;
}

/** Forgets the kept token: the invitation is accepted, or can no longer be. */
export function forgetInvitationToken() {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Nothing was kept.
  }
}
