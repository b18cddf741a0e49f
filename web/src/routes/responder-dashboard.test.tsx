import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { member, signedInRoutes } from '../test/fixtures';
import { fakeApi, renderAt } from '../test/render';
import { aListedReport, stateCounts } from '../features/reports/shared/list-fixtures';

describe('the responder dashboard', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the reports assigned to the caller, and each event with its counts leading to its queue', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/me/responder-dashboard': {
        status: 200,
        body: {
          events: [
            {
              id: 'ev-1',
              name: 'RustFest Berlin',
              slug: 'rustfest-berlin',
              organization: { id: 'org-1', name: 'Rust Community' },
              counts: stateCounts({ submitted: 2, investigating: 1, closed: 5 }),
              unassigned: 2,
            },
            {
              id: 'ev-2',
              name: 'Rust Meetup',
              slug: 'rust-meetup',
              organization: { id: 'org-1', name: 'Rust Community' },
              counts: stateCounts({ resolved: 1 }),
              unassigned: 0,
            },
          ],
          assignedToMe: [
            aListedReport({
              state: 'investigating',
              severity: 'critical',
              assignees: [{ id: 'u-mo', name: 'Mo Member' }],
            }),
          ],
        },
      },
    });
    renderAt('/reports');
    const assigned = await screen.findByRole('list', { name: 'Open reports assigned to you' });
    const row = within(assigned).getByRole('listitem');
    expect(
      within(row)
        .getByRole('link', { name: '#1 Comments at the after-party' })
        .getAttribute('href'),
    ).toBe('/reports/rep-1');
    expect(row.textContent).toContain('RustFest Berlin');
    expect(row.textContent).toContain('Investigating');
    expect(row.textContent).toContain('Critical');

    const events = screen.getByRole('list', { name: 'Events you respond to' });
    // Each event is one item of the list (its counts are a list of their own).
    const [berlin, meetup] = [...events.children] as HTMLElement[];
    expect(
      within(berlin!).getByRole('link', { name: 'RustFest Berlin' }).getAttribute('href'),
    ).toBe('/events/ev-1/reports');
    expect(berlin!.textContent).toContain('Rust Community · 3 open');
    expect(
      within(berlin!)
        .getByRole('link', { name: '2 open with nobody assigned' })
        .getAttribute('href'),
    ).toBe('/events/ev-1/reports?state=submitted%2Cacknowledged%2Cinvestigating&assignee=none');
    expect(within(berlin!).getByRole('link', { name: 'Submitted: 2' }).getAttribute('href')).toBe(
      '/events/ev-1/reports?state=submitted',
    );
    expect(within(berlin!).getByRole('link', { name: 'Closed: 5' })).toBeTruthy();
    expect(meetup!.textContent).toContain('0 open');
    expect(within(meetup!).queryByRole('link', { name: /nobody assigned/ })).toBeNull();
  });

  it('says when nothing is assigned to the caller', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/me/responder-dashboard': {
        status: 200,
        body: {
          events: [
            {
              id: 'ev-1',
              name: 'RustFest Berlin',
              slug: 'rustfest-berlin',
              organization: { id: 'org-1', name: 'Rust Community' },
              counts: stateCounts(),
              unassigned: 0,
            },
          ],
          assignedToMe: [],
        },
      },
    });
    renderAt('/reports');
    const section = await screen.findByRole('region', { name: 'Assigned to you' });
    expect(section.textContent).toContain('No open report is assigned to you.');
  });

  it('points someone who responds nowhere to their own reports', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/me/responder-dashboard': { status: 200, body: { events: [], assignedToMe: [] } },
    });
    renderAt('/reports');
    expect(await screen.findByText(/not on the response team of any event/)).toBeTruthy();
    expect(
      within(screen.getByRole('main'))
        .getByRole('link', { name: 'My reports' })
        .getAttribute('href'),
    ).toBe('/reports/mine');
    expect(screen.queryByRole('region', { name: 'Assigned to you' })).toBeNull();
  });

  it('asks a signed-out visitor to sign in', async () => {
    fakeApi({ 'GET /api/auth/session': { status: 200, body: { user: null } } });
    renderAt('/reports');
    const main = await screen.findByRole('main');
    expect((await within(main).findByRole('link', { name: 'Sign in' })).getAttribute('href')).toBe(
      '/sign-in?next=%2Freports',
    );
  });
});
