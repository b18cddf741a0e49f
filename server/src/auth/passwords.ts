import { hash, verify } from '@node-rs/argon2';

// Argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 passes), used both by
// better-auth for sign-in and by services that create accounts inside their own transaction.

/** Hashes a password for storage. */
export const hashPassword = (password: string): Promise<string> => hash(password);

/** Checks a password against a stored hash; false for a malformed hash rather than throwing. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
