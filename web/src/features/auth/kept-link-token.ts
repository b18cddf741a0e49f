import { useEffect, useState } from 'react';
import { useLinkToken } from './use-link-token';

// The token of a link that may need a sign-in on the way (an emailed invitation, an invite link):
// kept in this tab only while the person signs in or creates an account, so the page finds it
// again when they come back; removed once it is of no more use. Each kind of link has its key.

function stored(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The token of the link (`#token=…`), or the one kept in this tab under `key`. */
export function useKeptLinkToken(key: string): string | null {
  const fromLink = useLinkToken();
  const [kept] = useState(() => stored(key));
  useEffect(() => {
    if (!fromLink) return;
    try {
      window.sessionStorage.setItem(key, fromLink);
    } catch {
      // Storage refused (private mode): the link works, only the round trip through sign-in not.
    }
  }, [key, fromLink]);
  return fromLink ?? kept;
}

/** Forgets the kept token: it was used, or can no longer be. */
export function forgetKeptLinkToken(key: string) {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // Nothing was kept.
  }
}
