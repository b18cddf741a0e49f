import { useState } from 'react';
import { forgetKeptLinkToken, useKeptLinkToken } from '../auth/kept-link-token';

const KEY = 'steward.rsvp-cancel-token';

/**
 * The contract writes the cancellation link with the token alone in the fragment
 * (`/rsvp/cancel#<token>`); the app's other links name it (`#token=…`). A bare fragment is
 * named here, before the shared reader takes it out of the address.
 */
function nameBareToken() {
  const fragment = window.location.hash.replace(/^#/, '');
  if (!fragment || new URLSearchParams(fragment).has('token')) return;
  const { pathname, search } = window.location;
  const named = new URLSearchParams({ token: fragment }).toString();
  window.history.replaceState(window.history.state, '', `${pathname}${search}#${named}`);
}

/**
 * The token of the emailed cancellation link, read once and taken out of the address; kept in
 * this tab so a reload still finds it.
 */
export function useRsvpCancelToken(): string | null {
  // Before the reader's first look at the address, and only then.
  useState(nameBareToken);
  return useKeptLinkToken(KEY);
}

/** Forgets the kept token: the RSVP is cancelled, or the link opens nothing. */
export const forgetRsvpCancelToken = () => forgetKeptLinkToken(KEY);
