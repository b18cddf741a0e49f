import { issueSetupLink } from '../../src/modules/setup/service.js';
import type { TestContext } from './app.js';

/** Issues a setup link the way a start does, and returns its token. */
export async function issueSetupToken(ctx: TestContext): Promise<string> {
  const link = await issueSetupLink(ctx.database.db, ctx.config.publicUrl);
  if (!link) throw new Error('setup is already done');
  return new URL(link).hash.replace(/^#token=/, '');
}

export const admin = {
  name: 'Ada Operator',
  email: 'ada@example.org',
  password: 'correct horse battery',
};

/** Completes setup through the API and returns the session cookie of the new admin. */
export async function completeSetup(ctx: TestContext): Promise<string> {
  const token = await issueSetupToken(ctx);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: { token, ...admin },
  });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.body}`);
  return sessionCookie(res.headers['set-cookie']);
}

/** The `name=value` pair of the session cookie in a Set-Cookie header. */
export function sessionCookie(header: string | string[] | undefined): string {
  const list = Array.isArray(header) ? header : header ? [header] : [];
  const cookie = list.find((c) => c.includes('session_token='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return cookie.split(';')[0]!;
}
