import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { member, pageOf, signedInRoutes } from '../test/fixtures';
import {
  aLocationSummary,
  aRegionSummary,
  chooseOption,
  leadersLocation,
} from '../test/place-fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';

// Pages load through a faked server on a busy machine: waits allow for it.
const later = { timeout: 5_000 };
const signedOut = { 'GET /api/auth/session': { status: 200, body: { user: null } } };
const brauerei = aLocationSummary({ eventCount: 3 });
const cbase = aLocationSummary({
  id: 'loc-2',
  name: 'c-base',
  address: 'Rungestraße 20',
  region: null,
});
const oldHall = aLocationSummary({ id: 'loc-3', name: 'Old Hall', archived: true });
const regions = {
  'GET /api/regions?page=1&pageSize=20': {
    status: 200,
    body: pageOf([aRegionSummary(), aRegionSummary({ id: 'reg-2', name: 'Hamburg' })]),
  },
};

describe('the locations page', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists locations to anyone, searchable, with where they are and their events', async () => {
    const calls = fakeApi({
      ...signedOut,
      'GET /api/locations?page=1': { status: 200, body: pageOf([brauerei, cbase]) },
      'GET /api/locations?q=base&page=1': { status: 200, body: pageOf([cbase]) },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/locations');
    expect(await screen.findByText('2 locations, by name.', {}, later)).toBeTruthy();
    const list = screen.getByRole('list');
    expect(within(list).getByRole('link', { name: 'Kulturbrauerei' }).getAttribute('href')).toBe(
      '/locations/loc-1',
    );
    expect(within(list).getByText('Schönhauser Allee 36, 10435 Berlin (Berlin)')).toBeTruthy();
    expect(within(list).getByText('3 public events')).toBeTruthy();
    expect(within(list).getByText('No public events')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'New location' })).toBeNull();

    await user.type(screen.getByRole('searchbox', { name: 'Search by name' }), 'base');
    expect(await screen.findByText('1 location matching “base”, by name.', {}, later)).toBeTruthy();
    expect(router.state.location.search).toBe('?q=base');
    expect(calls.some((c) => c.key === 'GET /api/locations?q=base&page=1')).toBe(true);
  });

  it('filters by region and shows archived locations only when asked', async () => {
    const calls = fakeApi({
      ...signedOut,
      ...regions,
      'GET /api/locations?page=1': { status: 200, body: pageOf([brauerei, cbase]) },
      'GET /api/locations?regionId=reg-1&page=1': { status: 200, body: pageOf([brauerei]) },
      'GET /api/locations?regionId=reg-1&archived=include&page=1': {
        status: 200,
        body: pageOf([brauerei, oldHall]),
      },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/locations');
    expect(await screen.findByText('2 locations, by name.', {}, later)).toBeTruthy();
    // No archived location was asked for.
    expect(calls.every((c) => !c.key.includes('archived'))).toBe(true);

    await chooseOption(user, screen.getByRole('combobox', { name: 'Region' }), 'Berlin');
    expect(await screen.findByText('1 location, by name.', {}, later)).toBeTruthy();
    expect(router.state.location.search).toBe('?region=reg-1');

    await user.click(screen.getByRole('switch', { name: 'Show archived' }));
    expect(
      await screen.findByText('2 locations, archived ones included, by name.', {}, later),
    ).toBeTruthy();
    expect(within(screen.getByRole('list')).getByText('Archived')).toBeTruthy();
    expect(router.state.location.search).toBe('?region=reg-1&archived=include');
  });

  it('names the region a shared address filters by', async () => {
    fakeApi({
      ...signedOut,
      'GET /api/regions/reg-1': {
        status: 200,
        body: { region: { ...aRegionSummary(), leaders: [], can: {} } },
      },
      'GET /api/locations?regionId=reg-1&page=1': { status: 200, body: pageOf([brauerei]) },
    });
    renderAt('/locations?region=reg-1');
    const region = screen.getByRole('combobox', { name: 'Region' }) as HTMLInputElement;
    await waitFor(() => expect(region.value).toBe('Berlin'), later);
  });

  it('creates a location in a region, showing field errors, and opens it', async () => {
    const created = leadersLocation({ id: 'loc-9', name: 'Tempelhof Hangar 4' });
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...regions,
      'GET /api/locations?page=1': { status: 200, body: pageOf([]) },
      'POST /api/locations': (body) =>
        (body as { name: string }).name === ''
          ? {
              status: 400,
              body: apiError('validation_failed', 'Please check the fields.', [
                { field: 'body.name', message: 'Enter a name' },
              ]),
            }
          : { status: 201, body: { location: created } },
      'GET /api/locations/loc-9': { status: 200, body: { location: created } },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/locations');
    expect(await screen.findByText('There are no locations yet.', {}, later)).toBeTruthy();
    const form = screen.getByRole('form', { name: 'New location' });
    await user.click(within(form).getByRole('button', { name: 'Create location' }));
    expect(await within(form).findByText('Enter a name')).toBeTruthy();
    await user.type(within(form).getByRole('textbox', { name: /Name/ }), 'Tempelhof Hangar 4');
    await user.type(within(form).getByRole('textbox', { name: /Address/ }), 'Tempelhofer Damm');
    await chooseOption(user, within(form).getByRole('combobox', { name: /Region/ }), 'Berlin');
    await user.click(within(form).getByRole('button', { name: 'Create location' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/locations/loc-9'), later);
    expect(calls.filter((c) => c.key === 'POST /api/locations').at(-1)?.body).toEqual({
      name: 'Tempelhof Hangar 4',
      address: 'Tempelhofer Damm',
      regionId: 'reg-1',
    });
    expect(
      await screen.findByText('The location Tempelhof Hangar 4 is created.', {}, later),
    ).toBeTruthy();
  });
});
