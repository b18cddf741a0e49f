import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { member, pageOf, signedInRoutes } from '../test/fixtures';
import { aRegion, aRegionSummary } from '../test/place-fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';

const signedOut = { 'GET /api/auth/session': { status: 200, body: { user: null } } };
const berlin = aRegionSummary({ locationCount: 3 });
const hamburg = aRegionSummary({ id: 'reg-2', name: 'Hamburg', description: '', locationCount: 1 });

// Pages load through a faked server on a busy machine: waits allow for it.
const later = { timeout: 5_000 };

describe('the regions page', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists regions to anyone, searchable, with their locations counted; signing in to create', async () => {
    const calls = fakeApi({
      ...signedOut,
      'GET /api/regions?page=1': { status: 200, body: pageOf([berlin, hamburg]) },
      'GET /api/regions?q=ham&page=1': { status: 200, body: pageOf([hamburg]) },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/regions');
    expect(await screen.findByRole('heading', { level: 1, name: 'Regions' })).toBeTruthy();
    expect(await screen.findByText('2 regions, by name.', {}, later)).toBeTruthy();
    const list = screen.getByRole('list');
    expect(within(list).getByRole('link', { name: 'Berlin' }).getAttribute('href')).toBe(
      '/regions/reg-1',
    );
    expect(within(list).getByText('3 locations')).toBeTruthy();
    expect(within(list).getByText('1 location')).toBeTruthy();
    // Signed out: no form, a way to sign in that comes back here.
    expect(screen.queryByRole('form', { name: 'New region' })).toBeNull();
    expect(
      within(screen.getByRole('main')).getByRole('link', { name: 'Sign in' }).getAttribute('href'),
    ).toBe('/sign-in?next=%2Fregions');

    await user.type(screen.getByRole('searchbox', { name: 'Search by name' }), 'ham');
    expect(await screen.findByText('1 region matching “ham”, by name.')).toBeTruthy();
    expect(router.state.location.search).toBe('?q=ham');
    expect(calls.some((c) => c.key === 'GET /api/regions?q=ham&page=1')).toBe(true);
  });

  it('pages through many regions', async () => {
    fakeApi({
      ...signedOut,
      'GET /api/regions?page=1': { status: 200, body: pageOf([berlin], 30) },
      'GET /api/regions?page=2': { status: 200, body: pageOf([hamburg], 30, 2) },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/regions');
    expect(await screen.findByText('Page 1 of 2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'Hamburg' })).toBeTruthy();
    expect(router.state.location.search).toBe('?page=2');
  });

  it('creates a region, shows field errors, and opens it led by its creator', async () => {
    const created = aRegion({ id: 'reg-9', name: 'Leipzig', description: '' });
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/regions?page=1': { status: 200, body: pageOf([]) },
      'POST /api/regions': (body) =>
        (body as { name: string }).name.trim() === ''
          ? {
              status: 400,
              body: apiError('validation_failed', 'Please check the fields.', [
                { field: 'body.name', message: 'Enter a name' },
              ]),
            }
          : { status: 201, body: { region: created } },
      'GET /api/regions/reg-9': { status: 200, body: { region: created } },
      'GET /api/locations?regionId=reg-9&archived=include&page=1': {
        status: 200,
        body: pageOf([]),
      },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/regions');
    expect(await screen.findByText('There are no regions yet.', {}, later)).toBeTruthy();
    const form = screen.getByRole('form', { name: 'New region' });
    await user.click(within(form).getByRole('button', { name: 'Create region' }));
    expect(await within(form).findByText('Enter a name')).toBeTruthy();
    expect(within(form).getByRole('textbox', { name: /Name/ }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await user.type(within(form).getByRole('textbox', { name: /Name/ }), 'Leipzig');
    await user.click(within(form).getByRole('button', { name: 'Create region' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/regions/reg-9'));
    expect(calls.filter((c) => c.key === 'POST /api/regions').at(-1)?.body).toEqual({
      name: 'Leipzig',
      description: '',
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Leipzig' }, later)).toBeTruthy();
    expect(screen.getByText('The region Leipzig is created. You lead it.')).toBeTruthy();
  });

  it('says when the regions could not be loaded', async () => {
    fakeApi({
      ...signedOut,
      'GET /api/regions?page=1': { status: 500, body: apiError('internal', 'Something broke.') },
    });
    renderAt('/regions');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Regions could not be loaded')).toBeTruthy();
    expect(within(alert).getByText('req-1')).toBeTruthy();
  });
});
