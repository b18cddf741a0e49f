import { createHash, randomBytes } from 'node:crypto';

/** A secret for a link (setup, invitation): 256 random bits, safe in a URL. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What is stored of a link's token: its SHA-256, so a copy of the database opens no link. */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
