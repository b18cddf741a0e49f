import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AuditEntry } from '../api/audit';
import { eventDetails } from '../test/event-fixtures';
import { anOrganization, member, pageOf, signedInRoutes, sysAdmin } from '../test/fixtures';
import { fakeApi, renderAt } from '../test/render';

type Reply = { status: number; body?: unknown };

const anEntry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 'a-1',
  occurredAt: '2026-03-02T10:00:00.000Z',
  actor: { id: 'u-olga', name: 'Olga Orgadmin' },
  action: 'event.update',
  outcome: 'success',
  scope: { type: 'event', id: 'ev-1' },
  target: { type: 'event', id: 'ev-1' },
  before: { name: 'Old name' },
  after: { name: 'New name' },
  reason: 'Typo in the name',
  requestId: 'req-42',
  ...over,
});

const denial = anEntry({
  id: 'a-2',
  actor: { id: 'u-rita', name: 'Rita Responder' },
  action: 'event.update',
  outcome: 'denied',
  before: null,
  after: null,
  reason: 'forbidden: responder of Event may not event.update',
});

/** Answers any request for the log with `reply(query)`, recording each query. */
function logRoute(path: string, reply: (query: URLSearchParams) => Reply) {
  const queries: URLSearchParams[] = [];
  const routes: Record<string, Reply> = {};
  const handler = {
    get(_: unknown, key: string) {
      if (typeof key !== 'string') return undefined;
      if (key === `GET ${path}` || key.startsWith(`GET ${path}?`)) {
        const query = new URLSearchParams(key.split('?')[1] ?? '');
        queries.push(query);
        return reply(query);
      }
      return routes[key];
    },
  };
  return { proxy: new Proxy({}, handler) as Record<string, Reply>, queries, routes };
}

describe('the audit log pages', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('an event’s log: entries with old → new and the reason; filters go to the address and the CSV', async () => {
    const log = logRoute('/api/events/ev-1/audit', (q) =>
      q.get('outcome') === 'denied'
        ? { status: 200, body: pageOf([denial]) }
        : { status: 200, body: pageOf([anEntry()], 30) },
    );
    Object.assign(log.routes, signedInRoutes(member), {
      'GET /api/events/ev-1': {
        status: 200,
        body: { event: eventDetails({ id: 'ev-1', name: 'DevConf' }, { viewAudit: true }) },
      },
    });
    fakeApi(log.proxy);
    const user = userEvent.setup();
    const { router } = renderAt('/events/ev-1/audit?action=event.');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Audit log: DevConf' }),
    ).toBeTruthy();
    const entry = await screen.findByText('event.update');
    const card = entry.closest('li')!;
    expect(within(card).getByText(/Olga Orgadmin/)).toBeTruthy();
    expect(card.textContent).toContain('{"name":"Old name"} → {"name":"New name"}');
    expect(card.textContent).toContain('Reason: Typo in the name');
    expect(card.textContent).toContain('Request req-42');
    // No client address outside the system log.
    expect(card.textContent).not.toMatch(/from /);
    expect(screen.getByText(/30 entries, newest first/)).toBeTruthy();
    expect(log.queries.at(-1)?.get('action')).toBe('event.');
    expect(screen.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toBe(
      '/api/events/ev-1/audit.csv?action=event.',
    );

    await user.type(screen.getByRole('textbox', { name: /Who/ }), 'rita');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(router.state.location.search).toBe('?actor=rita&action=event.');
    expect(
      (await screen.findByRole('link', { name: 'Download as CSV' })).getAttribute('href'),
    ).toBe('/api/events/ev-1/audit.csv?actor=rita&action=event.');

    // The security view: denied attempts, with the refusal's reason.
    await user.click(screen.getByText('Denied attempts'));
    expect(router.state.location.search).toBe('?actor=rita&action=event.&outcome=denied');
    expect(await screen.findByText('Denied')).toBeTruthy();
    expect(screen.getByText(/forbidden: responder of Event/)).toBeTruthy();
    expect(screen.getByText(/Rita Responder/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(router.state.location.search).toBe('?outcome=denied');
  });

  it('an event’s log is for its admins: others are told so', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': {
        status: 200,
        body: { event: eventDetails({ id: 'ev-1', name: 'DevConf' }, { viewAudit: false }) },
      },
    });
    renderAt('/events/ev-1/audit');
    expect(await screen.findByText(/open only to its admins/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to DevConf' }).getAttribute('href')).toBe(
      '/events/ev-1',
    );
  });

  it('an organization’s log lists its and its chapters’ entries', async () => {
    const log = logRoute('/api/organizations/org-1/audit', () => ({
      status: 200,
      body: pageOf([
        anEntry({
          action: 'chapter.update',
          scope: { type: 'chapter', id: 'ch-1' },
          target: { type: 'chapter', id: 'ch-1' },
          before: { name: 'North' },
          after: { name: 'North chapter' },
          reason: null,
        }),
      ]),
    }));
    const org = anOrganization({ id: 'org-1', name: 'PyData' });
    Object.assign(log.routes, signedInRoutes(member), {
      'GET /api/organizations/org-1': {
        status: 200,
        body: { organization: { ...org, can: { ...org.can, viewAudit: true } } },
      },
    });
    fakeApi(log.proxy);
    renderAt('/orgs/org-1/audit');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Audit log: PyData' }),
    ).toBeTruthy();
    expect(await screen.findByText('chapter.update')).toBeTruthy();
    expect(screen.getByText(/1 entry, newest first/)).toBeTruthy();
  });

  it('the system log shows addresses, and refused sign-ins by address in the denied tab', async () => {
    const log = logRoute('/api/admin/audit', () => ({
      status: 200,
      body: pageOf([
        anEntry({
          action: 'auth.sign_in',
          outcome: 'denied',
          actor: null,
          scope: { type: 'system', id: null },
          target: null,
          before: null,
          after: { email: 'mo@example.org' },
          reason: null,
          ipAddress: '203.0.113.9',
          userAgent: 'Firefox',
        }),
      ]),
    }));
    Object.assign(log.routes, signedInRoutes(sysAdmin), {
      'GET /api/admin/audit/denied-sign-ins': {
        status: 200,
        body: pageOf([
          {
            email: 'mo@example.org',
            attempts: 7,
            firstAt: '2026-03-01T10:00:00.000Z',
            lastAt: '2026-03-02T10:00:00.000Z',
            addresses: 2,
            knownAccount: true,
          },
        ]),
      },
    });
    fakeApi(log.proxy);
    renderAt('/admin/audit?outcome=denied');
    expect(await screen.findByRole('heading', { level: 1, name: 'System audit log' })).toBeTruthy();
    const entry = (await screen.findByText('auth.sign_in')).closest('li')!;
    expect(entry.textContent).toContain('nobody signed in');
    expect(entry.textContent).toContain('from 203.0.113.9');
    const table = await screen.findByRole('table');
    expect(within(table).getByText('mo@example.org')).toBeTruthy();
    expect(within(table).getByText('7')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Refused sign-ins by address' })).toBeTruthy();
  });

  it('the system log is not there for anyone but a system admin', async () => {
    fakeApi(signedInRoutes(member));
    renderAt('/admin/audit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
