import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';
import { anOrganization, member, pageOf, signedInRoutes, sysAdmin } from '../test/fixtures';

const created = anOrganization({
  id: 'org-9',
  name: 'Café Berlin',
  slug: 'cafe-berlin',
  myRoles: [],
  adminInvitation: {
    id: 'inv-1',
    email: 'olga@example.org',
    role: 'org_admin',
    createdAt: '2026-03-01T10:00:00.000Z',
    expiresAt: '2026-03-08T10:00:00.000Z',
    expired: false,
  },
  can: {
    update: false,
    viewMembers: true,
    manageMembers: false,
    createChapter: true,
    createEvent: true,
    proposeEvent: false,
    inviteFirstAdmin: true,
  },
});

const fill = async (user: ReturnType<typeof userEvent.setup>) => {
  await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Café Berlin');
  await user.type(
    screen.getByRole('textbox', { name: /Email of its first organization admin/ }),
    'olga@example.org',
  );
};

describe('a new organization', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('suggests the slug from the name, sends the form and opens the organization', async () => {
    const calls = fakeApi({
      ...signedInRoutes(sysAdmin),
      'POST /api/organizations': { status: 201, body: { organization: created } },
      'GET /api/organizations/org-9': { status: 200, body: { organization: created } },
      'GET /api/organizations/org-9/events?page=1': {
        status: 200,
        body: { ...pageOf([]), counts: { draft: 0, pending_approval: 0, active: 0, archived: 0 } },
      },
      'GET /api/organizations/org-9/chapters?page=1': { status: 200, body: pageOf([]) },
      'GET /api/organizations/org-9/members?page=1': { status: 200, body: pageOf([]) },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/orgs/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'New organization' })).toBeTruthy();
    await fill(user);
    const slug = screen.getByRole('textbox', { name: /Slug/ }) as HTMLInputElement;
    expect(slug.value).toBe('cafe-berlin');
    await user.type(screen.getByRole('textbox', { name: /Personal message/ }), 'Welcome!');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/orgs/org-9'));
    expect(calls.find((c) => c.key === 'POST /api/organizations')?.body).toEqual({
      name: 'Café Berlin',
      slug: 'cafe-berlin',
      description: '',
      website: null,
      firstAdminEmail: 'olga@example.org',
      message: 'Welcome!',
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Café Berlin' })).toBeTruthy();
  });

  it('keeps a slug edited by hand, and shows a taken slug at the slug', async () => {
    const calls = fakeApi({
      ...signedInRoutes(sysAdmin),
      'POST /api/organizations': {
        status: 409,
        body: apiError('slug_taken', 'This address is already used. Choose another.', [
          { field: 'body.slug', message: 'Another organization uses this slug.' },
        ]),
      },
    });
    const user = userEvent.setup();
    renderAt('/orgs/new');
    const slug = (await screen.findByRole('textbox', { name: /Slug/ })) as HTMLInputElement;
    await user.type(slug, 'berlin');
    await fill(user);
    expect(slug.value).toBe('berlin');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    expect(await screen.findByText('Another organization uses this slug.')).toBeTruthy();
    expect(slug.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();
    expect((calls.at(-1)?.body as { slug: string }).slug).toBe('berlin');
  });

  it("shows the server's field errors at their fields", async () => {
    fakeApi({
      ...signedInRoutes(sysAdmin),
      'POST /api/organizations': {
        status: 400,
        body: apiError('validation_failed', 'Check the form.', [
          { field: 'body.firstAdminEmail', message: 'Enter a valid email address' },
          { field: 'body.website', message: 'Enter a web address starting with https://' },
        ]),
      },
    });
    const user = userEvent.setup();
    renderAt('/orgs/new');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'X');
    await user.type(screen.getByRole('textbox', { name: 'Website' }), 'ftp://x');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));
    expect(await screen.findByText('Enter a valid email address')).toBeTruthy();
    expect(screen.getByText('Enter a web address starting with https://')).toBeTruthy();
  });

  it('is not there for anyone but a system admin', async () => {
    fakeApi(signedInRoutes(member));
    renderAt('/orgs/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
