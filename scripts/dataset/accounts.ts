// Who the generated people are, for whoever needs to sign in as them (tests, `npm run bench:api`).

/**
 * The one password of every generated account. Its argon2 hash is computed once per run and
 * stored for all of them: hashing 500,000 passwords would take hours, and nobody needs them to
 * differ. Never use a generated dataset anywhere people could reach it.
 */
export const GENERATED_PASSWORD = 'generated dataset password';

/** The domain of every generated address (reserved by RFC 2606: nothing is ever sent there). */
export const GENERATED_EMAIL_DOMAIN = 'generated.steward.test';

/** The address of generated user number `n` (1-based). */
export const generatedEmail = (n: number): string => `user${n}@${GENERATED_EMAIL_DOMAIN}`;
