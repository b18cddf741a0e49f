import { useEffect, useState } from 'react';

/** The token of a link that carries it in the fragment: `/setup#token=…`, `/verify-email#token=…`. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length > 0 ? token : null;
}

/** Takes the token out of the address bar, so it is neither left on screen nor bookmarked. */
export function forgetHash() {
  if (!window.location.hash) return;
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', pathname + search);
}

/**
 * The token of the setup link or an emailed link (`/verify-email#token=…`, `/reset-password#token=…`), read once
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
