import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';

const admin = { id: '1', name: 'Ada', email: 'ada@example.org', systemRoles: ['system_admin'] };
const member = { id: '2', name: 'Mo', email: 'mo@example.org', systemRoles: [] };

describe('the system settings page', () => {
  afterEach(() => vi.unstubAllGlobals());

  const settings = {
    signUp: {
      value: 'open',
      default: 'open',
      choices: ['open', 'invite_only'],
      explanation: 'Whether anyone may create an account, or only people with an invitation.',
    },
    requireMfaForAdmins: {
      value: true,
      default: true,
      explanation: 'Whether system admins must set up two-factor authentication.',
    },
  };

  it('shows each setting with its explanation and saves only what changed', async () => {
    const calls = fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: admin } },
      'GET /api/admin/settings': { status: 200, body: { settings } },
      'GET /api/admin/retention': { status: 200, body: { settings: retention } },
      'PATCH /api/admin/settings': {
        status: 200,
        body: { settings: { ...settings, signUp: { ...settings.signUp, value: 'invite_only' } } },
      },
    });
    const user = userEvent.setup();
    renderAt('/admin/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'System settings' })).toBeTruthy();
    expect(await screen.findByText(/only people with an invitation/)).toBeTruthy();
    const save = screen.getByRole('button', { name: 'Save settings' });
    expect(save.hasAttribute('disabled')).toBe(true);
    expect(
      (screen.getByRole('switch', { name: /Require two-factor/ }) as HTMLInputElement).checked,
    ).toBe(true);
    await user.click(screen.getByRole('radio', { name: 'By invitation only' }));
    await user.click(save);
    expect((await screen.findByRole('status')).textContent).toMatch(/Saved/);
    expect(calls.find((c) => c.key === 'PATCH /api/admin/settings')?.body).toEqual({
      signUp: 'invite_only',
    });
  });

  const retention = {
    auditRetentionDays: {
      value: null,
      default: null,
      minimum: 30,
      explanation: 'How many days audit entries are kept.',
    },
    incidentRetentionDays: {
      value: 365,
      default: null,
      minimum: 30,
      explanation: 'How many days after an event is archived its incident data is deleted.',
    },
  };
  const counts = { enabled: true, retentionDays: 365, cutoff: '2025-01-01T00:00:00.000Z' };
  const purgeResult = (dryRun: boolean) => ({
    result: {
      dryRun,
      ranAt: '2026-01-01T00:00:00.000Z',
      audit: { enabled: false, retentionDays: null, cutoff: null, entries: 0 },
      incidents: {
        ...counts,
        events: 1,
        reports: 3,
        comments: 4,
        commentRevisions: 0,
        evidence: 2,
        evidenceBytes: 2048,
        history: 9,
        accessLog: 12,
        assignees: 2,
        notifications: 5,
      },
    },
  });

  it('retention: periods saved (empty keeps forever), a dry run counts, a purge asks first', async () => {
    const calls = fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: admin } },
      'GET /api/admin/settings': { status: 200, body: { settings } },
      'GET /api/admin/retention': { status: 200, body: { settings: retention } },
      'PATCH /api/admin/retention': (body) => ({
        status: 200,
        body: {
          settings: {
            auditRetentionDays: { ...retention.auditRetentionDays, value: 400 },
            incidentRetentionDays: { ...retention.incidentRetentionDays, value: null },
          },
          sent: body,
        },
      }),
      'POST /api/admin/retention/purge': (body) => ({
        status: 200,
        body: purgeResult((body as { dryRun: boolean }).dryRun),
      }),
    });
    const user = userEvent.setup();
    renderAt('/admin/settings');
    const audit = await screen.findByRole('textbox', { name: /Keep audit entries/ });
    const incidents = screen.getByRole('textbox', { name: /Keep incident data/ });
    expect((audit as HTMLInputElement).value).toBe('');
    expect((incidents as HTMLInputElement).value).toBe('365');
    await user.type(audit, '400');
    await user.clear(incidents);
    await user.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText(/The next purge uses these periods/)).toBeTruthy();
    expect(calls.find((c) => c.key === 'PATCH /api/admin/retention')?.body).toEqual({
      auditRetentionDays: 400,
      incidentRetentionDays: null,
    });

    await user.click(screen.getByRole('button', { name: 'Count what a purge would delete' }));
    expect(await screen.findByText('Dry run: nothing was deleted')).toBeTruthy();
    expect(screen.getByText(/would delete 3 reports of 1 archived event/)).toBeTruthy();
    expect(calls.filter((c) => c.key === 'POST /api/admin/retention/purge')).toEqual([
      expect.objectContaining({ body: { dryRun: true } }),
    ]);

    await user.click(screen.getByRole('button', { name: 'Purge now…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Purge now?' });
    expect(dialog.textContent).toMatch(/deleted for good/);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls.filter((c) => c.key === 'POST /api/admin/retention/purge')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Purge now…' }));
    await user.click(await screen.findByRole('button', { name: 'Delete for good' }));
    expect(await screen.findByText('Purge done')).toBeTruthy();
    expect(screen.getByText(/deleted 3 reports/)).toBeTruthy();
    expect(calls.filter((c) => c.key === 'POST /api/admin/retention/purge').at(-1)?.body).toEqual({
      dryRun: false,
    });
  });

  it('is not there for anyone but a system admin', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: member } },
      'GET /api/admin/settings': { status: 404, body: apiError('not_found', 'No such page.') },
    });
    renderAt('/admin/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
