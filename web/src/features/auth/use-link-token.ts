import { useEffect, useState } from 'react';
import { forgetHash, tokenFromHash } from '../setup/setup-token';

/**
 * The token of an emailed link (`/verify-email#token=…`, `/reset-password#token=…`), read once
 * and taken out of the address bar at once, so it is neither left on screen nor bookmarked.
 */
export function useLinkToken(): string | null {
  const [token, setToken] = useState(() => tokenFromHash(window.location.hash));
  useEffect(() => {
    forgetHash();
    // A link pasted into a tab that is already on the page changes only the fragment.
    const onHashChange = () => {
      const next = tokenFromHash(window.location.hash);
      if (next) setToken(next);
      forgetHash();
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return token;
}
