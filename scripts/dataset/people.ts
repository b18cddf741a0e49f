import { GENERATED_EMAIL_DOMAIN } from './accounts.js';
import type { Plan } from './plan.js';
import { below, fraction, literal, pick, userId } from './random.js';
import { firstNames, lastNames, pronouns } from './words.js';

/** Users 1..N: `user<n>@generated.steward.test`, verified, joined over the past four years. */
export const usersSql = (p: Plan, from: number, to: number) => `
INSERT INTO users (id, name, email, email_verified, pronouns, created_at, updated_at)
SELECT ${userId('n')}, ${pick('h', 0, firstNames)} || ' ' || ${pick('h', 1, lastNames)},
  'user' || n || '@' || ${literal(GENERATED_EMAIL_DOMAIN)}, true,
  CASE WHEN ${fraction('h', 2)} < 0.3 THEN ${pick('h', 3, pronouns)} END,
  t.at, t.at
FROM generate_series(${from}, ${to}) AS n
CROSS JOIN LATERAL (SELECT md5('user-draws:' || n) AS h, md5('user-since:' || n) AS h2 OFFSET 0) d
CROSS JOIN LATERAL (SELECT ${p.anchor} - interval '1 minute' * (60 + ${below('h2', 0, 4 * 365 * 1440)}) AS at OFFSET 0) t`;

/**
 * One password account per generated user, all with the same argon2 hash (accounts.ts). As
 * better-auth writes them: provider 'credential', account_id = the user's id.
 */
export const accountsSql = (passwordHash: string) => `
INSERT INTO accounts (id, user_id, account_id, provider_id, password, created_at, updated_at)
SELECT md5('account:' || u.id)::uuid::text, u.id, u.id, 'credential', ${literal(passwordHash)},
  u.created_at, u.created_at
FROM users u
WHERE u.email LIKE ${literal(`%@${GENERATED_EMAIL_DOMAIN}`)}`;
