import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { member, pageOf, signedInRoutes } from '../test/fixtures';
import { fakeApi, renderAt } from '../test/render';
import { aListedReport } from '../features/reports/shared/list-fixtures';

describe('my reports', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the caller’s own reports across events, each leading to the report', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/me/reports?page=1&pageSize=25': {
        status: 200,
        body: pageOf(
          [
            aListedReport({ state: 'acknowledged' }),
            aListedReport({
              id: 'rep-7',
              number: 3,
              title: 'Unsafe stairs',
              type: 'safety',
              state: 'closed',
              event: { id: 'ev-2', name: 'Rust Meetup', slug: 'rust-meetup' },
            }),
          ],
          30,
        ),
      },
      'GET /api/me/reports?page=2&pageSize=25': {
        status: 200,
        body: pageOf([aListedReport({ id: 'rep-9', title: 'An older one' })], 30, 2),
      },
    });
    const user = userEvent.setup();
    renderAt('/reports/mine');
    const list = await screen.findByRole('list', { name: 'Your reports' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(
      within(first!)
        .getByRole('link', { name: '#1 Comments at the after-party' })
        .getAttribute('href'),
    ).toBe('/reports/rep-1');
    expect(first!.textContent).toContain('Acknowledged');
    expect(first!.textContent).toContain('RustFest Berlin');
    expect(first!.textContent).toContain('Submitted');
    // The author's view: no severity, assignees or comment counts.
    expect(first!.textContent).not.toContain('Severity');
    expect(first!.textContent).not.toContain('assigned');
    expect(second!.textContent).toContain('Rust Meetup');
    expect(second!.textContent).toContain('Closed');
    expect(screen.getByText(/30 reports, the newest first/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: '#1 An older one' })).toBeTruthy();
    expect(calls.some((c) => c.key === 'GET /api/me/reports?page=2&pageSize=25')).toBe(true);
  });

  it('explains how to report when there is nothing yet', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/me/reports?page=1&pageSize=25': { status: 200, body: pageOf([]) },
    });
    renderAt('/reports/mine');
    expect(await screen.findByText('You have not submitted any reports.')).toBeTruthy();
    expect(screen.getByText(/open the event’s page and choose “Report an incident”/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'events' }).getAttribute('href')).toBe('/');
  });
});
