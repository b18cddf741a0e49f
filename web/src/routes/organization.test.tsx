import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Member } from '../api/organizations';
import { apiError, fakeApi, renderAt } from '../test/render';
import {
  aChapter,
  anEvent,
  anOrganization,
  member,
  pageOf,
  signedInRoutes,
  sysAdmin,
} from '../test/fixtures';

const counts = { draft: 1, pending_approval: 0, active: 2, archived: 0 };
const active = anEvent({ chapter: { id: 'ch-1', name: 'Berlin' } });
const draft = anEvent({ id: 'ev-2', name: 'Autumn Meetup', status: 'draft', spam: true });
const lea: Member = {
  userId: 'u-lea',
  name: 'Lea Leader',
  image: null,
  role: 'chapter_leader',
  scope: { type: 'chapter', id: 'ch-1', name: 'Berlin' },
  grantedAt: '2026-02-01T10:00:00.000Z',
  expiresAt: null,
};
const olga: Member = {
  ...lea,
  userId: 'u-olga',
  name: 'Olga Admin',
  role: 'org_admin',
  scope: { type: 'organization', id: 'org-1', name: 'Rust Community' },
};

const viewer = anOrganization({
  myRoles: ['org_viewer'],
  can: {
    update: false,
    viewMembers: true,
    manageMembers: false,
    createChapter: false,
    createEvent: false,
    proposeEvent: false,
    inviteFirstAdmin: false,
  },
});

/** The answers of a dashboard of the organization given. */
const dashboard = (organization = anOrganization()) => ({
  'GET /api/organizations/org-1': { status: 200, body: { organization } },
  'GET /api/organizations/org-1/events?page=1': {
    status: 200,
    body: { ...pageOf([active, draft]), counts },
  },
  'GET /api/organizations/org-1/chapters?page=1': { status: 200, body: pageOf([aChapter()]) },
  'GET /api/organizations/org-1/members?page=1': { status: 200, body: pageOf([olga, lea]) },
});

describe('the organization dashboard', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the events, filtered by status and searched, in the address', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...dashboard(),
      'GET /api/organizations/org-1/events?page=1&status=draft': {
        status: 200,
        body: { ...pageOf([draft]), counts },
      },
      'GET /api/organizations/org-1/events?page=1&q=autumn&status=draft': {
        status: 200,
        body: { ...pageOf([draft]), counts },
      },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/orgs/org-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Rust Community' })).toBeTruthy();
    expect(screen.getByText('Meetups and conferences about Rust.')).toBeTruthy();
    const events = screen.getByRole('region', { name: 'Events' });
    expect(await within(events).findByText('2 events, newest first.')).toBeTruthy();
    const row = within(events).getByRole('link', { name: 'RustFest Berlin' }).closest('li')!;
    expect(within(row).getByText('Active')).toBeTruthy();
    expect(within(row).getByText('Event admin')).toBeTruthy();
    expect(within(row).getByText(/Berlin chapter/)).toBeTruthy();
    expect(within(events).getByText('Spam')).toBeTruthy();

    const filter = within(events).getByRole('radiogroup', { name: 'Show events by status' });
    expect(within(filter).getByLabelText('All (3)')).toBeTruthy();
    await user.click(within(filter).getByLabelText('Draft (1)'));
    expect(await within(events).findByText('1 event, newest first.')).toBeTruthy();
    expect(router.state.location.search).toBe('?status=draft');
    await user.type(within(events).getByRole('searchbox'), 'autumn');
    await waitFor(() => expect(router.state.location.search).toBe('?status=draft&q=autumn'));
    await waitFor(() =>
      expect(calls.map((c) => c.key)).toContain(
        'GET /api/organizations/org-1/events?page=1&q=autumn&status=draft',
      ),
    );
  });

  it('offers an org admin a new event, the settings and a new chapter', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...dashboard(),
      'POST /api/organizations/org-1/chapters': {
        status: 201,
        body: { chapter: aChapter({ id: 'ch-2', name: 'Köln', slug: 'koln' }) },
      },
    });
    const user = userEvent.setup();
    renderAt('/orgs/org-1');
    expect((await screen.findByRole('link', { name: 'New event' })).getAttribute('href')).toBe(
      '/orgs/org-1/events/new',
    );
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe(
      '/orgs/org-1/settings',
    );
    expect(screen.getByRole('link', { name: 'Team' }).getAttribute('href')).toBe(
      '/orgs/org-1/team',
    );
    const chapters = screen.getByRole('region', { name: 'Chapters' });
    expect(
      (await within(chapters).findByRole('link', { name: 'Berlin' })).getAttribute('href'),
    ).toBe('/chapters/ch-1');
    expect(within(chapters).getByText(/Led by Lea Leader/)).toBeTruthy();
    await user.type(within(chapters).getByRole('textbox', { name: 'Chapter name' }), 'Köln');
    await user.click(within(chapters).getByRole('button', { name: 'Create chapter' }));
    expect(await within(chapters).findByText('The chapter Köln is created.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/organizations/org-1/chapters')?.body).toEqual({
      name: 'Köln',
      slug: 'koln',
    });

    const members = screen.getByRole('region', { name: 'Members' });
    expect(within(members).getByText('Organization admin of the whole organization')).toBeTruthy();
    expect(within(members).getByText('Chapter leader of the Berlin chapter')).toBeTruthy();
  });

  it('shows a taken chapter slug at the slug', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...dashboard(),
      'POST /api/organizations/org-1/chapters': {
        status: 409,
        body: apiError('slug_taken', 'Another chapter uses this slug.'),
      },
    });
    const user = userEvent.setup();
    renderAt('/orgs/org-1');
    const chapters = await screen.findByRole('region', { name: 'Chapters' });
    await user.type(within(chapters).getByRole('textbox', { name: 'Chapter name' }), 'Berlin');
    await user.click(within(chapters).getByRole('button', { name: 'Create chapter' }));
    expect(await within(chapters).findByText('Another chapter uses this slug.')).toBeTruthy();
    expect(
      within(chapters)
        .getByRole('textbox', { name: /Chapter slug/ })
        .getAttribute('aria-invalid'),
    ).toBe('true');
  });

  it('offers a viewer nothing to change', async () => {
    fakeApi({ ...signedInRoutes(member), ...dashboard(viewer) });
    renderAt('/orgs/org-1');
    expect(await screen.findByRole('region', { name: 'Members' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Berlin' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'New event' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Propose an event' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Settings' })).toBeNull();
    // A viewer sees the members, so the team page (read-only) is theirs too.
    expect((await screen.findByRole('link', { name: 'Team' })).getAttribute('href')).toBe(
      '/orgs/org-1/team',
    );
    expect(screen.queryByRole('button', { name: 'Create chapter' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'First organization admin' })).toBeNull();
  });

  it('shows no members and no team page to someone they are not for (a chapter leader)', async () => {
    const leader = anOrganization({
      myRoles: [],
      can: { ...viewer.can, viewMembers: false, createEvent: true },
    });
    const calls = fakeApi({ ...signedInRoutes(member), ...dashboard(leader) });
    renderAt('/orgs/org-1');
    expect(await screen.findByRole('link', { name: 'New event' })).toBeTruthy();
    expect(await screen.findByRole('region', { name: 'Chapters' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Members' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Team' })).toBeNull();
    expect(calls.map((c) => c.key)).not.toContain('GET /api/organizations/org-1/members?page=1');
  });

  it('lets anyone propose an event where the organization allows it', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...dashboard({ ...viewer, can: { ...viewer.can, proposeEvent: true } }),
    });
    renderAt('/orgs/org-1');
    expect(
      (await screen.findByRole('link', { name: 'Propose an event' })).getAttribute('href'),
    ).toBe('/orgs/org-1/events/new');
  });

  it("shows a system admin the first admin's invitation, and invites again", async () => {
    const invitation = {
      id: 'inv-1',
      email: 'olga@example.org',
      role: 'org_admin',
      createdAt: '2026-03-01T10:00:00.000Z',
      expiresAt: '2026-03-08T10:00:00.000Z',
      expired: true,
    };
    const org = anOrganization({
      myRoles: [],
      adminInvitation: invitation,
      can: { ...viewer.can, createChapter: true, createEvent: true, inviteFirstAdmin: true },
    });
    const calls = fakeApi({
      ...signedInRoutes(sysAdmin),
      ...dashboard(org),
      'POST /api/organizations/org-1/admin-invitation': {
        status: 200,
        body: {
          organization: {
            ...org,
            adminInvitation: { ...invitation, email: 'otto@example.org', expired: false },
          },
        },
      },
    });
    const user = userEvent.setup();
    renderAt('/orgs/org-1');
    const section = await screen.findByRole('region', { name: 'First organization admin' });
    expect(within(section).getByText('olga@example.org')).toBeTruthy();
    expect(within(section).getByText(/It has expired/)).toBeTruthy();
    const email = within(section).getByRole('textbox', { name: /Email/ });
    await user.clear(email);
    await user.type(email, 'otto@example.org');
    await user.click(within(section).getByRole('button', { name: 'Invite again' }));
    expect(await within(section).findByText(/on its way to otto@example.org/)).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({ email: 'otto@example.org' });
  });

  it('is not found when the server says so', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/organizations/org-x': { status: 404, body: apiError('not_found', 'Not found') },
      'GET /api/organizations/org-x/events?page=1': {
        status: 404,
        body: apiError('not_found', 'Not found'),
      },
    });
    renderAt('/orgs/org-x');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
