import { request, type APIRequestContext, type APIResponse } from 'playwright-core';
import type { RunningServer } from './server.js';
import { secretFromUri, totpCode } from './totp.js';

export interface Person {
  name: string;
  email: string;
  password: string;
}

async function expectOk(response: Promise<APIResponse>, what: string): Promise<APIResponse> {
  const res = await response;
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
  return res;
}

/**
 * The first system admin, made through the API with the server's setup link, with two-factor on
 * (admins need it before they may act as admins). Reads the development outbox, as an operator
 * would, to follow the links Steward emails.
 */
export class AdminClient {
  private constructor(
    private readonly api: APIRequestContext,
    private readonly server: RunningServer,
  ) {}

  static async create(server: RunningServer, admin: Person): Promise<AdminClient> {
    if (!server.setupUrl) throw new Error('the server printed no setup link');
    const token = decodeURIComponent(new URL(server.setupUrl).hash.replace(/^#token=/, ''));
    const api = await request.newContext({ baseURL: server.url });
    await expectOk(api.post('/api/setup', { data: { token, ...admin } }), 'setup');
    await turnOnTwoFactor(api, admin);
    return new AdminClient(api, server);
  }

  /**
   * Someone with a confirmed account and a session of their own (through the API), with
   * two-factor on when `twoFactor` (anyone who will hold an admin role needs it).
   */
  async member(person: Person, opts: { twoFactor?: boolean } = {}): Promise<MemberClient> {
    const api = await request.newContext({ baseURL: this.server.url });
    await expectOk(api.post('/api/auth/sign-up', { data: person }), 'sign-up');
    const link = await this.emailedLink(person.email, 'verify-email');
    const token = decodeURIComponent(new URL(link).hash.replace(/^#token=/, ''));
    await expectOk(api.post('/api/auth/verify-email', { data: { token } }), 'verify email');
    await expectOk(
      api.post('/api/auth/sign-in', { data: { email: person.email, password: person.password } }),
      'sign-in',
    );
    if (opts.twoFactor) await turnOnTwoFactor(api, person);
    return new MemberClient(api);
  }

  /**
   * The newest link to `<PUBLIC_URL>/<page>#token=…` emailed to an address, waiting for it to be
   * queued; links listed in `except` (already used ones) are passed over.
   */
  async emailedLink(to: string, page: string, except: string[] = []): Promise<string> {
    const pattern = new RegExp(`${escape(this.server.url)}/${page}#token=[^\\s"<>]+`);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const res = await expectOk(this.api.get('/api/admin/outbox'), 'outbox');
      const { items } = (await res.json()) as { items: { to: string; text: string | null }[] };
      for (const item of items) {
        if (item.to !== to) continue;
        const link = pattern.exec(item.text ?? '')?.[0];
        if (link && !except.includes(link)) return link;
      }
      if (Date.now() > deadline) throw new Error(`no ${page} link was emailed to ${to}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * The newest email of a kind (e.g. `rsvp.confirmed`) queued for an address, waiting for it;
   * emails whose text is listed in `except` (already read ones) are passed over.
   */
  async emailOf(to: string, kind: string, except: string[] = []): Promise<Emailed> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const res = await expectOk(this.api.get('/api/admin/outbox?pageSize=100'), 'outbox');
      const { items } = (await res.json()) as { items: (Emailed & { to: string })[] };
      const found = items.find(
        (item) => item.to === to && item.kind === kind && !except.includes(item.text ?? ''),
      );
      if (found) return { kind: found.kind, subject: found.subject, text: found.text ?? '' };
      if (Date.now() > deadline) throw new Error(`no ${kind} email was queued for ${to}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** A call to the API as the admin; fails the test on an error answer. */
  async call(method: 'GET' | 'POST' | 'PATCH', path: string, data?: object) {
    const res = await expectOk(this.api.fetch(path, { method, data }), `${method} ${path}`);
    return res.json() as Promise<Record<string, unknown>>;
  }

  /** The admin's session cookies, for a browser context to take over the session. */
  async cookies() {
    return (await this.api.storageState()).cookies;
  }

  close() {
    return this.api.dispose();
  }
}

/** An email as the development outbox shows it. */
export interface Emailed {
  kind: string;
  subject: string;
  text: string;
}

/** A person's own API session, whose cookies a browser context can take over. */
export class MemberClient {
  constructor(readonly api: APIRequestContext) {}

  /** A call to the API as this person; fails the test on an error answer. */
  async call(method: 'GET' | 'POST' | 'PATCH', path: string, data?: object) {
    const res = await expectOk(this.api.fetch(path, { method, data }), `${method} ${path}`);
    return res.json() as Promise<Record<string, unknown>>;
  }

  async cookies() {
    return (await this.api.storageState()).cookies;
  }

  close() {
    return this.api.dispose();
  }
}

/** Turns two-factor on for the signed-in session of `api`, answering as an authenticator app. */
async function turnOnTwoFactor(api: APIRequestContext, person: Person) {
  const enable = await expectOk(
    api.post('/api/account/two-factor/enable', { data: { password: person.password } }),
    'two-factor enable',
  );
  const { totpURI } = (await enable.json()) as { totpURI: string };
  await expectOk(
    api.post('/api/account/two-factor/confirm', {
      data: { code: totpCode(secretFromUri(totpURI)) },
    }),
    'two-factor confirm',
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
