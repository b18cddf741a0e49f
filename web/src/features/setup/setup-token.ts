/** The token of a setup link, which travels in the fragment: `/setup#token=…`. */
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
