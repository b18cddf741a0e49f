import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';
import { aChapter, anOrganization, member, pageOf, signedInRoutes } from '../test/fixtures';

const chapter = aChapter();
const bo = {
  userId: 'u-bo',
  name: 'Bo Builder',
  image: null,
  grantedAt: '2026-03-01T10:00:00.000Z',
  expiresAt: null,
  canRemove: true,
};
const readOnly = aChapter({
  eventCount: 4,
  leaders: [{ ...chapter.leaders[0]!, canRemove: false }],
  can: { update: false, manageLeaders: false, delete: false, createEvent: false },
});

describe('the chapter page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('renames the chapter, and shows a taken slug at the slug', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/chapters/ch-1': { status: 200, body: { chapter } },
      'PATCH /api/chapters/ch-1': (body) =>
        (body as { slug?: string }).slug
          ? { status: 409, body: apiError('slug_taken', 'Another chapter uses this slug.') }
          : { status: 200, body: { chapter: { ...chapter, name: 'Berlin-Brandenburg' } } },
    });
    const user = userEvent.setup();
    renderAt('/chapters/ch-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Berlin' })).toBeTruthy();
    expect(screen.getByText('A chapter of Rust Community, with no events yet.')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Name and slug' });
    const slug = within(form).getByRole('textbox', { name: /Slug/ });
    await user.type(slug, '-x');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Another chapter uses this slug.')).toBeTruthy();
    await user.clear(slug);
    await user.type(slug, 'berlin');
    const name = within(form).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Berlin-Brandenburg');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({ name: 'Berlin-Brandenburg' });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Berlin-Brandenburg' }),
    ).toBeTruthy();
  });

  it('adds a leader by email and removes one after confirming', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/chapters/ch-1': { status: 200, body: { chapter } },
      'PUT /api/chapters/ch-1/leaders': (body) =>
        (body as { email: string }).email === 'nobody@example.org'
          ? {
              status: 400,
              body: apiError('validation_failed', 'No Steward account uses this address.', [
                { field: 'body.email', message: 'No Steward account uses this address' },
              ]),
            }
          : { status: 200, body: { chapter: { ...chapter, leaders: [...chapter.leaders, bo] } } },
      'DELETE /api/chapters/ch-1/leaders/u-lea': {
        status: 200,
        body: { chapter: { ...chapter, leaders: [bo] } },
      },
    });
    const user = userEvent.setup();
    renderAt('/chapters/ch-1');
    const leaders = await screen.findByRole('region', { name: 'Leaders' });
    expect(within(leaders).getByText('Lea Leader')).toBeTruthy();
    const email = within(leaders).getByRole('textbox', { name: /Add a leader by email/ });
    await user.type(email, 'nobody@example.org');
    await user.click(within(leaders).getByRole('button', { name: 'Add leader' }));
    expect(await within(leaders).findByText('No Steward account uses this address')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    await user.clear(email);
    await user.type(email, 'bo@example.org');
    // An end for the role, in the reader's local time, goes as an instant.
    const until = within(leaders).getByLabelText(/Leads until/);
    fireEvent.change(until, { target: { value: '2031-01-15T18:00' } });
    await user.click(within(leaders).getByRole('button', { name: 'Add leader' }));
    expect(await within(leaders).findByText('Bo Builder')).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({
      email: 'bo@example.org',
      expiresAt: new Date('2031-01-15T18:00').toISOString(),
    });

    await user.click(within(leaders).getByRole('button', { name: 'Remove Lea Leader' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Remove Lea Leader as a leader of Berlin?',
    });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Moved away');
    await user.click(within(dialog).getByRole('button', { name: 'Remove leader' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.at(-1)).toMatchObject({
      key: 'DELETE /api/chapters/ch-1/leaders/u-lea',
      body: { reason: 'Moved away' },
    });
    await waitFor(() => expect(within(leaders).queryByText('Lea Leader')).toBeNull());
  });

  it('deletes an empty chapter after confirming, and goes back to the organization', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/chapters/ch-1': { status: 200, body: { chapter } },
      'DELETE /api/chapters/ch-1': { status: 204 },
      'GET /api/organizations/org-1': { status: 200, body: { organization: anOrganization() } },
      'GET /api/organizations/org-1/events?page=1': {
        status: 200,
        body: { ...pageOf([]), counts: { draft: 0, pending_approval: 0, active: 0, archived: 0 } },
      },
      'GET /api/organizations/org-1/chapters?page=1': { status: 200, body: pageOf([]) },
      'GET /api/organizations/org-1/members?page=1': { status: 200, body: pageOf([]) },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/chapters/ch-1');
    const danger = await screen.findByRole('region', { name: 'Delete this chapter' });
    await user.click(within(danger).getByRole('button', { name: 'Delete chapter' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the chapter Berlin?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete chapter' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/orgs/org-1'));
    expect(calls.find((c) => c.key === 'DELETE /api/chapters/ch-1')?.body).toEqual({
      reason: null,
    });
    expect(await screen.findByText('The chapter Berlin is deleted.')).toBeTruthy();
  });

  it('shows only what the caller may do', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/chapters/ch-1': { status: 200, body: { chapter: readOnly } },
    });
    renderAt('/chapters/ch-1');
    expect(await screen.findByText('A chapter of Rust Community, with 4 events.')).toBeTruthy();
    expect(screen.getByText('Lea Leader')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Add a leader' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Name and slug' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Delete this chapter' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'New event' })).toBeNull();
  });

  it('is not found when the server says so', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/chapters/ch-x': { status: 404, body: apiError('not_found', 'Not found') },
    });
    renderAt('/chapters/ch-x');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
