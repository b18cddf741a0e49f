import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OutboxMessage } from '../api/outbox';
import { apiError, fakeApi, renderAt } from '../test/render';

const admin = { id: '1', name: 'Ada', email: 'ada@example.org', systemRoles: ['system_admin'] };
const member = { id: '2', name: 'Mo', email: 'mo@example.org', systemRoles: [] };

const sent: OutboxMessage = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'report.assigned',
  to: 'bea@example.org',
  subject: 'A report was assigned to you',
  text: 'Hello Bea,\n\nOpen the report:\nhttps://steward.example.org/reports/1\n',
  userId: null,
  status: 'sent',
  attempts: 1,
  nextAttemptAt: null,
  lastError: null,
  deliveredVia: 'log',
  createdAt: '2026-03-01T10:00:00.000Z',
  sentAt: '2026-03-01T10:00:01.000Z',
};
const failed: OutboxMessage = {
  ...sent,
  id: '00000000-0000-4000-8000-000000000002',
  to: 'gone@example.org',
  subject: 'Another one',
  status: 'failed',
  attempts: 8,
  lastError: '550 no such user',
  sentAt: null,
};

describe('the email outbox page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists messages for a system admin, who opens one to read it', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: admin } },
      'GET /api/admin/outbox?page=1': {
        status: 200,
        body: { delivery: 'development', items: [sent, failed], page: 1, pageSize: 25, total: 2 },
      },
    });
    renderAt('/admin/outbox');
    expect(await screen.findByRole('heading', { level: 1, name: 'Email outbox' })).toBeTruthy();
    expect(await screen.findByText(/nothing is sent/i)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Email outbox' })).toBeTruthy();

    const open = screen.getByRole('button', { name: /A report was assigned to you/ });
    expect(open.textContent).toContain('To bea@example.org');
    expect(open.textContent).toContain('Sent');
    expect(screen.getByRole('button', { name: /Another one/ }).textContent).toContain('Failed');

    await userEvent.setup().click(open);
    const panel = await screen.findByRole('region', { name: /A report was assigned to you/ });
    const body = within(panel).getByRole('figure', { name: 'Text of the email' });
    expect(body.textContent).toContain('Hello Bea,');
    const link = within(body).getByRole('link', {
      name: 'https://steward.example.org/reports/1',
    });
    expect(link.getAttribute('href')).toBe('https://steward.example.org/reports/1');
  });

  it('does not show the page or its menu entry to anyone else', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: member } },
      'GET /api/admin/outbox?page=1': {
        status: 404,
        body: apiError('not_found', 'No such page.'),
      },
    });
    renderAt('/admin/outbox');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Email outbox' })).toBeNull();
  });

  it('asks a visitor to sign in', async () => {
    const calls = fakeApi({ 'GET /api/auth/session': { status: 200, body: { user: null } } });
    renderAt('/admin/outbox');
    expect(await screen.findByText(/to see this page/)).toBeTruthy();
    expect(calls.map((c) => c.key)).toEqual(['GET /api/auth/session']);
  });
});
