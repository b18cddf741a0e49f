import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TeamPage } from '../api/teams';
import { anOrganization, member, signedInRoutes } from '../test/fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';
import { aMember, anInviteLink, teamOf } from '../test/team-fixtures';

const olga = aMember({
  userId: 'u-olga',
  name: 'Olga Admin',
  email: 'olga@example.org',
  role: 'org_admin',
  can: { changeTo: ['org_viewer'], remove: true, setExpiry: true },
});
const vic = aMember({
  userId: 'u-vic',
  name: 'Vic Viewer',
  email: 'vic@example.org',
  role: 'org_viewer',
  can: { changeTo: ['org_admin'], remove: true, setExpiry: true },
});
const me = aMember({
  userId: 'u-mo',
  name: 'Mo Member',
  email: 'mo@example.org',
  role: 'org_admin',
  isYou: true,
  can: { changeTo: [], remove: true, setExpiry: false },
});
const admin: TeamPage['can'] = {
  manage: true,
  invite: true,
  assignable: ['org_admin', 'org_viewer'],
};

const teamPage = (team: TeamPage = teamOf([me, olga, vic], admin)) => ({
  ...signedInRoutes(member),
  'GET /api/organizations/org-1': { status: 200, body: { organization: anOrganization() } },
  'GET /api/organizations/org-1/team?page=1': { status: 200, body: team },
  'GET /api/organizations/org-1/invitations': { status: 200, body: { items: [] } },
  'GET /api/organizations/org-1/invite-links': {
    status: 200,
    body: { items: [anInviteLink({ role: 'org_viewer', note: null })] },
  },
});

describe("an organization's team page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the members with organization roles, and changes one through the organization', async () => {
    const calls = fakeApi({
      ...teamPage(),
      'GET /api/organizations/org-1/team?page=1&role=org_viewer': {
        status: 200,
        body: teamOf([vic], admin),
      },
      'PUT /api/organizations/org-1/team/u-vic': {
        status: 200,
        body: { member: { ...vic, role: 'org_admin' } },
      },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/orgs/org-1/team');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Team of Rust Community' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to Rust Community' }).getAttribute('href')).toBe(
      '/orgs/org-1',
    );
    const members = screen.getByRole('region', { name: 'Members' });
    const filter = within(members).getByRole('radiogroup', { name: 'Show members by role' });
    expect(within(filter).getByLabelText('Organization admin')).toBeTruthy();
    await user.click(within(filter).getByLabelText('Organization viewer'));
    expect(await within(members).findByText('1 person as Organization viewer.')).toBeTruthy();
    expect(router.state.location.search).toBe('?role=org_viewer');

    await user.click(within(members).getByRole('button', { name: 'Change role of Vic Viewer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change the role of Vic Viewer?' });
    const select = within(dialog).getByRole('combobox', { name: 'New role' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Organization admin']);
    await user.click(within(dialog).getByRole('button', { name: 'Change role' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.key === 'PUT /api/organizations/org-1/team/u-vic')?.body).toEqual({
      role: 'org_admin',
      expiresAt: null,
    });

    // The invitations of an organization offer organization roles.
    const links = screen.getByRole('region', { name: 'Invite links' });
    expect(
      within(within(links).getByRole('combobox', { name: 'Role' }))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Organization admin', 'Organization viewer']);
    expect(await within(links).findByText('3 of 10 used')).toBeTruthy();
  });

  it('lets an admin leave the organization; the last one is told to name another first', async () => {
    let last = true;
    const calls = fakeApi({
      ...teamPage(),
      'DELETE /api/organizations/org-1/membership': () =>
        last
          ? {
              status: 409,
              body: apiError('last_admin', 'Denied: an organization keeps at least one org_admin.'),
            }
          : { status: 204 },
      'GET /api/me/events': { status: 200, body: { organizations: [], truncated: false } },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/orgs/org-1/team');
    const row = (await screen.findByText('Mo Member (you)')).closest('li')!;
    expect(within(row).queryByRole('button', { name: /^Remove/ })).toBeNull();
    await user.click(within(row).getByRole('button', { name: 'Leave this organization' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave Rust Community?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave this organization' }));
    expect(
      await within(dialog).findByText(
        'You are the only organization admin of this organization. Make someone else an organization admin first, then you can leave.',
      ),
    ).toBeTruthy();
    last = false;
    await user.type(within(dialog).getByLabelText(/Reason/), 'Moving on');
    await user.click(within(dialog).getByRole('button', { name: 'Leave this organization' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(await screen.findByText('You left Rust Community.')).toBeTruthy();
    expect(
      calls.filter((c) => c.key === 'DELETE /api/organizations/org-1/membership').at(-1)?.body,
    ).toEqual({
      reason: 'Moving on',
    });
  });

  it('shows a viewer the members and nothing to change but leaving', async () => {
    const calls = fakeApi(
      teamPage(
        teamOf(
          [
            { ...olga, email: null, can: { changeTo: [], remove: false, setExpiry: false } },
            {
              ...vic,
              email: null,
              isYou: true,
              can: { changeTo: [], remove: false, setExpiry: false },
            },
          ],
          { manage: false, invite: false, assignable: [] },
        ),
      ),
    );
    renderAt('/orgs/org-1/team');
    const members = await screen.findByRole('region', { name: 'Members' });
    expect(await within(members).findByText('Vic Viewer (you)')).toBeTruthy();
    const buttons = within(within(members).getByRole('list')).queryAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Leave this organization']);
    expect(screen.queryByRole('region', { name: 'Add someone' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Invite links' })).toBeNull();
    expect(calls.map((c) => c.key)).not.toContain('GET /api/organizations/org-1/invite-links');
  });

  it('is not found when the server says so', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/organizations/org-x': { status: 404, body: apiError('not_found', 'Not found') },
      'GET /api/organizations/org-x/team?page=1': {
        status: 404,
        body: apiError('not_found', 'Not found'),
      },
    });
    renderAt('/orgs/org-x/team');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
