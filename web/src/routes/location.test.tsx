import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Location } from '../api/places';
import { member, pageOf, signedInRoutes } from '../test/fixtures';
import {
  aLocationDetails,
  aRegionSummary,
  chooseOption,
  leadersLocation,
} from '../test/place-fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';

// Pages load through a faked server on a busy machine: waits allow for it.
const later = { timeout: 5_000 };
const signedOut = { 'GET /api/auth/session': { status: 200, body: { user: null } } };
const get = (location: Location) => ({
  'GET /api/locations/loc-1': { status: 200, body: { location } },
});
const heading = () => screen.findByRole('heading', { level: 1, name: 'Kulturbrauerei' }, later);

describe('the location page', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows anyone the public details and events, never a private section or changes', async () => {
    fakeApi({
      ...signedOut,
      ...get(
        aLocationDetails({
          eventCount: 1,
          events: [
            { id: 'ev-1', name: 'RustFest Berlin', slug: 'rustfest-berlin', startsOn: null },
          ],
        }),
      ),
    });
    renderAt('/locations/loc-1');
    await heading();
    expect(screen.getByText('Schönhauser Allee 36, 10435 Berlin')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Berlin' }).getAttribute('href')).toBe(
      '/regions/reg-1',
    );
    const events = screen.getByRole('region', { name: 'Events held here' });
    expect(within(events).getByRole('link', { name: 'RustFest Berlin' }).getAttribute('href')).toBe(
      '/e/rustfest-berlin',
    );
    expect(screen.queryByRole('region', { name: 'Private details' })).toBeNull();
    expect(screen.queryByText(/Kim Keys/)).toBeNull();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Archiving' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Delete this location' })).toBeNull();
  });

  it('lets whoever may change the basic details do so, without private details', async () => {
    const location = aLocationDetails({}, { updateBasic: true });
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(location),
      'GET /api/regions?page=1&pageSize=20': {
        status: 200,
        body: pageOf([aRegionSummary(), aRegionSummary({ id: 'reg-2', name: 'Potsdam' })]),
      },
      'PATCH /api/locations/loc-1': (body) =>
        (body as { name?: string }).name === ''
          ? {
              status: 400,
              body: apiError('validation_failed', 'Please check the fields.', [
                { field: 'body.name', message: 'Enter a name' },
              ]),
            }
          : {
              status: 200,
              body: {
                location: { ...location, region: { id: 'reg-2', name: 'Potsdam' } },
              },
            },
    });
    const user = userEvent.setup();
    renderAt('/locations/loc-1');
    await heading();
    expect(screen.queryByRole('region', { name: 'Private details' })).toBeNull();
    const form = screen.getByRole('form', { name: 'Basic details' });
    const name = within(form).getByRole('textbox', { name: /Name/ });
    await user.clear(name);
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Enter a name')).toBeTruthy();
    await user.type(name, 'Kulturbrauerei');
    await chooseOption(user, within(form).getByRole('combobox', { name: /Region/ }), 'Potsdam');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved.', {}, later)).toBeTruthy();
    expect(calls.filter((c) => c.key === 'PATCH /api/locations/loc-1').at(-1)?.body).toEqual({
      regionId: 'reg-2',
    });
  });

  it('says beforehand that a move may need a region leader, and shows the refusal at the region', async () => {
    const refusal =
      "This location has private details: only its region's leaders or a system admin can move it to another region.";
    fakeApi({
      ...signedInRoutes(member),
      ...get(aLocationDetails({}, { updateBasic: true })),
      'GET /api/regions?page=1&pageSize=20': {
        status: 200,
        body: pageOf([aRegionSummary(), aRegionSummary({ id: 'reg-2', name: 'Potsdam' })]),
      },
      'PATCH /api/locations/loc-1': { status: 403, body: apiError('forbidden', refusal) },
    });
    const user = userEvent.setup();
    renderAt('/locations/loc-1');
    await heading();
    const form = screen.getByRole('form', { name: 'Basic details' });
    const region = within(form).getByRole('combobox', { name: /Region/ });
    expect(form.textContent).toContain(
      "If it has any, only its region's leaders or a system admin can move it to another region.",
    );
    await chooseOption(user, region, 'Potsdam');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText(refusal, {}, later)).toBeTruthy();
    expect(region.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).queryByRole('alert')).toBeNull();
  });

  it('tells a region leader nothing of the kind: they move it freely', async () => {
    fakeApi({ ...signedInRoutes(member), ...get(leadersLocation()) });
    renderAt('/locations/loc-1');
    await heading();
    const form = screen.getByRole('form', { name: 'Basic details' });
    expect(form.textContent).toContain('Its leaders look after the location');
    expect(form.textContent).not.toContain('can move it to another region');
  });

  it('shows private details read only to whoever may see but not change them', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...get({ ...leadersLocation(), can: { ...leadersLocation().can, updatePrivate: false } }),
    });
    renderAt('/locations/loc-1');
    await heading();
    const section = screen.getByRole('region', { name: 'Private details' });
    expect(within(section).getByText('Kim Keys')).toBeTruthy();
    expect(within(section).getByText('Side entrance after 18:00.')).toBeTruthy();
    expect(within(section).queryByRole('form')).toBeNull();
  });

  it("saves a region leader's private details, with errors at their fields", async () => {
    const location = leadersLocation();
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(location),
      'PUT /api/locations/loc-1/private': (body) =>
        (body as { contactEmail: string }).contactEmail.includes('@')
          ? {
              status: 200,
              body: {
                location: {
                  ...location,
                  privateDetails: { ...location.privateDetails!, ...(body as object) },
                },
              },
            }
          : {
              status: 400,
              body: apiError('validation_failed', 'Please check the fields.', [
                { field: 'body.contactEmail', message: 'Enter a valid email address' },
              ]),
            },
    });
    const user = userEvent.setup();
    renderAt('/locations/loc-1');
    await heading();
    const form = screen.getByRole('form', { name: 'Private details' });
    const email = within(form).getByRole('textbox', { name: 'Contact email' });
    await user.clear(email);
    await user.type(email, 'kim at venue');
    await user.click(within(form).getByRole('button', { name: 'Save private details' }));
    expect(await within(form).findByText('Enter a valid email address')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    await user.clear(email);
    await user.type(email, 'desk@venue.example');
    await user.click(within(form).getByRole('button', { name: 'Save private details' }));
    expect(await within(form).findByText('Saved.', {}, later)).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({
      contactName: 'Kim Keys',
      contactEmail: 'desk@venue.example',
      contactPhone: '+49 30 1234567',
      notes: 'Side entrance after 18:00.',
    });
  });

  it('archives and unarchives after asking, with a reason', async () => {
    // Used only by a draft: no public event to count, but in use, as can.delete says.
    const leaders = leadersLocation({ eventCount: 0 });
    const location = { ...leaders, can: { ...leaders.can, delete: false } };
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(location),
      'POST /api/locations/loc-1/archive': {
        status: 200,
        body: { location: { ...location, archived: true } },
      },
      'POST /api/locations/loc-1/unarchive': { status: 200, body: { location } },
    });
    const user = userEvent.setup();
    renderAt('/locations/loc-1');
    await heading();
    const section = screen.getByRole('region', { name: 'Archiving' });
    // Events use it: archiving, not deletion, retires it.
    expect(within(section).getByText(/Events use it, so it cannot be deleted/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Delete this location' })).toBeNull();
    await user.click(within(section).getByRole('button', { name: 'Archive location' }));
    const dialog = await screen.findByRole('dialog', { name: 'Archive Kulturbrauerei?' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Closed for renovation');
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));
    expect(await within(section).findByText('Archived.', {}, later)).toBeTruthy();
    expect(calls.at(-1)).toMatchObject({
      key: 'POST /api/locations/loc-1/archive',
      body: { reason: 'Closed for renovation' },
    });
    await user.click(within(section).getByRole('button', { name: 'Unarchive location' }));
    const again = await screen.findByRole('dialog', { name: 'Unarchive Kulturbrauerei?' });
    await user.click(within(again).getByRole('button', { name: 'Unarchive' }));
    expect(await within(section).findByText('Back in use.', {}, later)).toBeTruthy();
    expect(calls.at(-1)).toMatchObject({
      key: 'POST /api/locations/loc-1/unarchive',
      body: { reason: null },
    });
  });

  it('deletes an unused location after asking, showing a refusal in the dialog', async () => {
    let attempt = 0;
    fakeApi({
      ...signedInRoutes(member),
      ...get(leadersLocation()),
      'DELETE /api/locations/loc-1': () =>
        ++attempt === 1
          ? {
              status: 409,
              body: apiError('in_use', 'An event or session uses this location.'),
            }
          : { status: 204 },
      'GET /api/locations?page=1': { status: 200, body: pageOf([]) },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/locations/loc-1');
    await heading();
    const danger = screen.getByRole('region', { name: 'Delete this location' });
    await user.click(within(danger).getByRole('button', { name: 'Delete location' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete the location Kulturbrauerei?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Delete location' }));
    expect(
      await within(dialog).findByText('An event or session uses this location.', {}, later),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Delete location' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/locations'), later);
    expect(
      await screen.findByText('The location Kulturbrauerei is deleted.', {}, later),
    ).toBeTruthy();
  });

  it('is not found when the server says so', async () => {
    fakeApi({
      ...signedOut,
      'GET /api/locations/loc-x': { status: 404, body: apiError('not_found', 'No such location.') },
    });
    renderAt('/locations/loc-x');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }, later),
    ).toBeTruthy();
  });
});
