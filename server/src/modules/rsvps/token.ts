import { createHmac, timingSafeEqual } from 'node:crypto';
import { instanceSecret } from '../../auth/secret.js';
import type { Executor } from '../../db/connection.js';
import { isUuid } from '../../db/inputs.js';

// The cancellation link of an RSVP (emailed with its confirmation): `<rsvpId>.<mac>`, the MAC an
// HMAC of the RSVP's id under an installation secret. Nothing is stored: the link can be written
// again for any email, and it names nothing that the RSVP's id does not.

const secretOf = (db: Executor) => instanceSecret(db, 'rsvp_cancel_secret');

const macOf = (secret: string, rsvpId: string) =>
  createHmac('sha256', secret).update(`rsvp-cancel:${rsvpId}`).digest();

/** What writes cancellation tokens for one request: `(rsvpId) => token`. */
export type TokenWriter = (rsvpId: string) => string;

/**
 * The writer of cancellation tokens, with the secret read once: a request that emails many people
 * (a message, a promotion) asks the database for it once, not once a person.
 */
export async function cancellationTokens(db: Executor): Promise<TokenWriter> {
  const secret = await secretOf(db);
  return (rsvpId) => `${rsvpId}.${macOf(secret, rsvpId).toString('base64url')}`;
}

/** The web page that opens a cancellation link (the token stays in the fragment, out of logs). */
export const cancellationUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/rsvp/cancel#${token}`;

/** The RSVP id a token speaks for, or null when it is not one of ours (compared in constant time). */
export async function rsvpIdOfToken(db: Executor, token: string): Promise<string | null> {
  const [rsvpId, mac, ...rest] = token.split('.');
  if (!rsvpId || !mac || rest.length > 0 || !isUuid(rsvpId)) return null;
  const given = Buffer.from(mac, 'base64url');
  // Only the one spelling we write: base64url decoding skips stray characters.
  if (given.toString('base64url') !== mac) return null;
  const expected = macOf(await secretOf(db), rsvpId);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return rsvpId;
}
