import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Region } from '../api/places';
import { member, pageOf, signedInRoutes } from '../test/fixtures';
import { aLocationSummary, aRegion } from '../test/place-fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';

// Pages load through a faked server on a busy machine: waits allow for it.
const later = { timeout: 5_000 };
const bo = {
  userId: 'u-bo',
  name: 'Bo Builder',
  image: null,
  grantedAt: '2026-03-01T10:00:00.000Z',
  expiresAt: null,
  canRemove: true,
};
const region = aRegion();
// Who leads it beyond their name is only for those who manage its leaders.
const readOnly = aRegion({
  locationCount: 2,
  leaders: [
    { ...region.leaders[0]!, userId: null, canRemove: false },
    { ...bo, userId: null, canRemove: false },
  ],
  can: { update: false, manageLeaders: false, delete: false },
});
const locationsOf = (items = [aLocationSummary()]) => ({
  'GET /api/locations?regionId=reg-1&archived=include&page=1': {
    status: 200,
    body: pageOf(items),
  },
});
const get = (r: Region) => ({ 'GET /api/regions/reg-1': { status: 200, body: { region: r } } });

describe('the region page', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a region to anyone, with its leaders and locations, and nothing to change', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: null } },
      ...get(readOnly),
      ...locationsOf([
        aLocationSummary({ eventCount: 2 }),
        aLocationSummary({ id: 'loc-2', name: 'Old Hall', archived: true }),
      ]),
    });
    renderAt('/regions/reg-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Berlin' }, later)).toBeTruthy();
    expect(screen.getByText('Venues in and around Berlin.')).toBeTruthy();
    const leaders = screen.getByRole('region', { name: 'Leaders' });
    expect(
      within(leaders)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('Lea Leader'), expect.stringContaining('Bo Builder')]);
    expect(within(leaders).queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Add a leader' })).toBeNull();
    const locations = screen.getByRole('region', { name: 'Locations' });
    expect(
      (await within(locations).findByRole('link', { name: 'Kulturbrauerei' })).getAttribute('href'),
    ).toBe('/locations/loc-1');
    // Archived locations are listed, marked: they count against deletion too.
    expect(within(locations).getByText('Archived')).toBeTruthy();
    expect(within(locations).getByText('2 public events')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Name and description' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Delete this region' })).toBeNull();
  });

  it('renames the region, showing field errors at their fields', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(region),
      ...locationsOf([]),
      'PATCH /api/regions/reg-1': (body) =>
        (body as { name?: string }).name === ''
          ? {
              status: 400,
              body: apiError('validation_failed', 'Please check the fields.', [
                { field: 'body.name', message: 'Enter a name' },
              ]),
            }
          : { status: 200, body: { region: { ...region, name: 'Berlin-Brandenburg' } } },
    });
    const user = userEvent.setup();
    renderAt('/regions/reg-1');
    const form = await screen.findByRole('form', { name: 'Name and description' }, later);
    const name = within(form).getByRole('textbox', { name: /Name/ });
    await user.clear(name);
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Enter a name')).toBeTruthy();
    expect(within(form).queryByRole('alert')).toBeNull();
    await user.type(name, 'Berlin-Brandenburg');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({ name: 'Berlin-Brandenburg' });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Berlin-Brandenburg' }),
    ).toBeTruthy();
  });

  it('adds a leader by email with an end and a reason, and removes one after confirming', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(region),
      ...locationsOf([]),
      'POST /api/regions/reg-1/leaders': (body) =>
        (body as { email: string }).email === 'nobody@example.org'
          ? {
              status: 400,
              body: apiError('validation_failed', 'No Steward account uses this address.', [
                { field: 'body.email', message: 'No Steward account uses this address' },
              ]),
            }
          : { status: 200, body: { region: { ...region, leaders: [...region.leaders, bo] } } },
      'DELETE /api/regions/reg-1/leaders/u-lea': {
        status: 200,
        body: { region: { ...region, leaders: [bo] } },
      },
    });
    const user = userEvent.setup();
    renderAt('/regions/reg-1');
    const leaders = await screen.findByRole('region', { name: 'Leaders' }, later);
    const email = within(leaders).getByRole('textbox', { name: /Add a leader by email/ });
    await user.type(email, 'nobody@example.org');
    await user.click(within(leaders).getByRole('button', { name: 'Add leader' }));
    expect(await within(leaders).findByText('No Steward account uses this address')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    await user.clear(email);
    await user.type(email, 'bo@example.org');
    fireEvent.change(within(leaders).getByLabelText(/Leads until/), {
      target: { value: '2031-01-15T18:00' },
    });
    await user.type(within(leaders).getByRole('textbox', { name: /Reason/ }), 'Runs the venues');
    await user.click(within(leaders).getByRole('button', { name: 'Add leader' }));
    expect(await within(leaders).findByText('Bo Builder')).toBeTruthy();
    expect(within(leaders).getByText('bo@example.org now leads the region.')).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({
      email: 'bo@example.org',
      expiresAt: new Date('2031-01-15T18:00').toISOString(),
      reason: 'Runs the venues',
    });

    await user.click(within(leaders).getByRole('button', { name: 'Remove Lea Leader' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Remove Lea Leader as a leader of Berlin?',
    });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Moved away');
    await user.click(within(dialog).getByRole('button', { name: 'Remove leader' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.at(-1)).toMatchObject({
      key: 'DELETE /api/regions/reg-1/leaders/u-lea',
      body: { reason: 'Moved away' },
    });
    await waitFor(() => expect(within(leaders).queryByText('Lea Leader')).toBeNull());
  });

  it('deletes an empty region after confirming, and goes back to the regions', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(region),
      ...locationsOf([]),
      'DELETE /api/regions/reg-1': { status: 204 },
      'GET /api/regions?page=1': { status: 200, body: pageOf([]) },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/regions/reg-1');
    const danger = await screen.findByRole('region', { name: 'Delete this region' }, later);
    await user.click(within(danger).getByRole('button', { name: 'Delete region' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the region Berlin?' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Merged into Brandenburg');
    await user.click(within(dialog).getByRole('button', { name: 'Delete region' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/regions'));
    expect(calls.find((c) => c.key === 'DELETE /api/regions/reg-1')?.body).toEqual({
      reason: 'Merged into Brandenburg',
    });
    expect(await screen.findByText('The region Berlin is deleted.', {}, later)).toBeTruthy();
  });

  it('explains to its leaders that a region with locations cannot be deleted', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...get(
        aRegion({ locationCount: 2, can: { update: true, manageLeaders: true, delete: false } }),
      ),
      ...locationsOf(),
    });
    renderAt('/regions/reg-1');
    const danger = await screen.findByRole('region', { name: 'Delete this region' }, later);
    expect(within(danger).getByText(/A region with locations cannot be deleted/)).toBeTruthy();
    expect(within(danger).queryByRole('button')).toBeNull();
  });

  it('shows a refusal from the server inside the deletion dialog', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...get(region),
      ...locationsOf([]),
      'DELETE /api/regions/reg-1': {
        status: 409,
        body: apiError('not_empty', 'The region still has locations.'),
      },
    });
    const user = userEvent.setup();
    renderAt('/regions/reg-1');
    const danger = await screen.findByRole('region', { name: 'Delete this region' }, later);
    await user.click(within(danger).getByRole('button', { name: 'Delete region' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the region Berlin?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete region' }));
    expect(await within(dialog).findByText('The region still has locations.')).toBeTruthy();
  });

  it('is not found when the server says so', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/regions/reg-x': { status: 404, body: apiError('not_found', 'No such region.') },
    });
    renderAt('/regions/reg-x');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }, later),
    ).toBeTruthy();
  });
});
