import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { eventDetails } from '../test/event-fixtures';
import {
  aChapter,
  anOrganization,
  member,
  pageOf,
  signedInRoutes,
  sysAdmin,
} from '../test/fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';

const orgRoutes = (
  org = anOrganization(),
  chapters = [aChapter()],
): Record<string, { status: number; body: unknown }> => ({
  'GET /api/organizations/org-1': { status: 200, body: { organization: org } },
  'GET /api/organizations/org-1/chapters?page=1&pageSize=100': {
    status: 200,
    body: pageOf(chapters),
  },
});

describe('the new event page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('suggests the slug from the name, shows slug_taken at the slug, and opens the new event', async () => {
    let attempt = 0;
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...orgRoutes(),
      'POST /api/organizations/org-1/events': () =>
        ++attempt === 1
          ? { status: 409, body: apiError('slug_taken', 'Another event uses this address.') }
          : { status: 201, body: { event: eventDetails({ id: 'ev-2' }) } },
      'GET /api/events/ev-2': { status: 200, body: { event: eventDetails({ id: 'ev-2' }) } },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/orgs/org-1/events/new');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'New event in Rust Community' }),
    ).toBeTruthy();
    const name = screen.getByRole('textbox', { name: /^Name/ });
    const slug = screen.getByRole('textbox', { name: /slug/ });
    await user.type(name, 'RustFest Berlin');
    expect((slug as HTMLInputElement).value).toBe('rustfest-berlin');
    await user.type(screen.getByRole('textbox', { name: /Description/ }), 'Three days.');
    expect(screen.queryByText(/wait for approval/)).toBeNull();
    expect(screen.queryByRole('textbox', { name: /first event admin/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    expect(await screen.findByText('Another event uses this address.')).toBeTruthy();
    expect(slug.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();

    await user.clear(slug);
    await user.type(slug, 'rustfest-berlin-2026');
    // Edited by hand: the slug no longer follows the name.
    await user.type(name, '!');
    expect((slug as HTMLInputElement).value).toBe('rustfest-berlin-2026');
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/events/ev-2'));
    expect(
      calls.filter((c) => c.key === 'POST /api/organizations/org-1/events').at(-1)?.body,
    ).toEqual({
      name: 'RustFest Berlin!',
      slug: 'rustfest-berlin-2026',
      description: 'Three days.',
      chapterId: null,
    });
  });

  it('says the event waits for approval where the caller may only propose one', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...orgRoutes(
        anOrganization({
          myRoles: [],
          can: { ...anOrganization().can, createEvent: false, proposeEvent: true },
        }),
        [aChapter({ can: { ...aChapter().can, createEvent: false } })],
      ),
      'POST /api/organizations/org-1/events': {
        status: 201,
        body: { event: eventDetails({ status: 'pending_approval' }) },
      },
      'GET /api/events/ev-1': {
        status: 200,
        body: { event: eventDetails({ status: 'pending_approval' }) },
      },
    });
    const user = userEvent.setup();
    renderAt('/orgs/org-1/events/new');
    expect(await screen.findByText('Your event will wait for approval')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Meetup');
    await user.click(screen.getByRole('combobox', { name: 'Chapter' }));
    await user.click(await screen.findByRole('option', { name: 'Berlin', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Propose event' }));
    await screen.findByRole('heading', { level: 1, name: 'RustFest Berlin' });
    expect(calls.find((c) => c.key === 'POST /api/organizations/org-1/events')?.body).toMatchObject(
      { name: 'Meetup', slug: 'meetup', chapterId: 'ch-1' },
    );
  });

  it('starts with the chapter named in the address', async () => {
    fakeApi({ ...signedInRoutes(member), ...orgRoutes() });
    renderAt('/orgs/org-1/events/new?chapter=ch-1');
    const chapter = await screen.findByRole('combobox', { name: 'Chapter' });
    expect((chapter as HTMLInputElement).value).toBe('Berlin');
  });

  it('lets a system admin invite the first event admin at once', async () => {
    const calls = fakeApi({
      ...signedInRoutes(sysAdmin),
      ...orgRoutes(anOrganization({ myRoles: [] })),
      'POST /api/organizations/org-1/events': {
        status: 201,
        body: { event: eventDetails({ myRole: null, hasTeam: false }) },
      },
      'GET /api/events/ev-1': {
        status: 200,
        body: { event: eventDetails({ myRole: null, hasTeam: false }) },
      },
    });
    const user = userEvent.setup();
    renderAt('/orgs/org-1/events/new');
    expect(await screen.findByText("You will not be on the event's team")).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Camp');
    await user.type(
      screen.getByRole('textbox', { name: /Email of the first event admin/ }),
      'lea@example.org',
    );
    await user.type(screen.getByRole('textbox', { name: /Personal message/ }), 'Yours!');
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    await screen.findByRole('heading', { level: 1, name: 'RustFest Berlin' });
    expect(calls.find((c) => c.key === 'POST /api/organizations/org-1/events')?.body).toEqual({
      name: 'Camp',
      slug: 'camp',
      description: '',
      chapterId: null,
      firstAdminEmail: 'lea@example.org',
      message: 'Yours!',
    });
  });

  it('says so when the caller may not create events there', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...orgRoutes(
        anOrganization({
          myRoles: ['org_viewer'],
          can: { ...anOrganization().can, createEvent: false, proposeEvent: false },
        }),
        [aChapter({ can: { ...aChapter().can, createEvent: false } })],
      ),
    });
    renderAt('/orgs/org-1/events/new');
    expect(await screen.findByText(/You cannot create events in Rust Community/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Create event|Propose event/ })).toBeNull();
  });

  it('shows the not-found page for an organization the caller may not see', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/organizations/org-9': { status: 404, body: apiError('not_found', 'Not found.') },
      'GET /api/organizations/org-9/chapters?page=1&pageSize=100': {
        status: 404,
        body: apiError('not_found', 'Not found.'),
      },
    });
    renderAt('/orgs/org-9/events/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
