import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EventDetails } from '../../api/events';
import { eventDetails } from '../../test/event-fixtures';
import { member, pageOf, signedInRoutes } from '../../test/fixtures';
import { aLocationSummary, chooseOption, leadersLocation } from '../../test/place-fixtures';
import { seedAttendance, stillFresh } from '../../test/attendance-cache';
import { apiError, fakeApi, renderAt } from '../../test/render';
import { aLocation } from '../rsvps/test-fixtures';

// The event settings page's Logistics: its location picker, places and the RSVP switch.

const later = { timeout: 5_000 };
const can = { update: true };
const oldHall = aLocation({ id: 'loc-old', name: 'Old Hall', archived: true });
const cbase = aLocationSummary({ id: 'loc-2', name: 'c-base', address: 'Rungestraße 20' });
const brauerei = aLocationSummary();
const page = (event: EventDetails) => ({
  'GET /api/events/ev-1': { status: 200, body: { event } },
  'GET /api/events/ev-1/sessions': { status: 200, body: { sessions: [] } },
  'GET /api/locations?page=1&pageSize=20': { status: 200, body: pageOf([brauerei, cbase]) },
  'GET /api/locations?q=base&page=1&pageSize=20': { status: 200, body: pageOf([cbase]) },
});
const logistics = () => screen.findByRole('form', { name: 'Logistics' }, later);
const patches = (calls: { key: string; body: unknown }[]) =>
  calls.filter((c) => c.key === 'PATCH /api/events/ev-1').map((c) => c.body);

describe("an event's logistics", { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps an archived location shown and marked, but never offers archived ones', async () => {
    const event = eventDetails({ location: oldHall }, can);
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...page(event),
      'PATCH /api/events/ev-1': (body) => ({
        status: 200,
        body: { event: { ...event, location: cbase, ...(body as object) } },
      }),
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    const form = await logistics();
    const picker = within(form).getByRole('combobox', { name: 'Location' }) as HTMLInputElement;
    expect(picker.value).toBe('Old Hall (archived)');
    expect(within(form).getByText(/The current location is archived/)).toBeTruthy();

    // The search is the server's: what it answers is offered, asked without archived ones.
    await user.click(picker);
    fireEvent.change(picker, { target: { value: 'base' } });
    await waitFor(
      () =>
        expect(calls.some((c) => c.key === 'GET /api/locations?q=base&page=1&pageSize=20')).toBe(
          true,
        ),
      later,
    );
    expect(calls.filter((c) => c.key.startsWith('GET /api/locations?')).length).toBeGreaterThan(0);
    expect(calls.every((c) => !c.key.includes('archived'))).toBe(true);
    await chooseOption(user, picker, /^c-base/);
    expect(picker.value).toBe('c-base');
    await user.click(within(form).getByRole('button', { name: 'Save logistics' }));
    expect(await within(form).findByText('Saved.', {}, later)).toBeTruthy();
    expect(patches(calls)).toEqual([{ locationId: 'loc-2' }]);
  });

  it('offers only what the server answers: archived locations never appear as choices', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...page(eventDetails({}, can)),
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    const form = await logistics();
    const picker = within(form).getByRole('combobox', { name: 'Location' });
    await user.click(picker);
    const listbox = await waitFor(() => {
      const found = document.getElementById(picker.getAttribute('aria-controls') ?? '');
      if (!found) throw new Error('closed');
      return found;
    }, later);
    await within(listbox).findByRole('option', { name: /^c-base/, hidden: true }, later);
    const names = within(listbox)
      .getAllByRole('option', { hidden: true })
      .map((o) => o.textContent);
    expect(names.some((n) => n?.includes('Kulturbrauerei'))).toBe(true);
    expect(names.some((n) => n?.includes('archived'))).toBe(false);
  });

  it('sets places (empty: no limit) and opens RSVPs, with errors at their fields', async () => {
    let attempt = 0;
    const event = eventDetails({ attendeeCapacity: 100, volunteerCapacity: 10 }, can);
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...page(event),
      'PATCH /api/events/ev-1': (body) =>
        ++attempt === 1
          ? {
              status: 400,
              body: apiError('validation_failed', 'Please check the fields.', [
                { field: 'body.attendeeCapacity', message: 'At most 100,000' },
              ]),
            }
          : { status: 200, body: { event: { ...event, ...(body as object) } } },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    const form = await logistics();
    const attendees = within(form).getByRole('textbox', { name: /Attendee places/ });
    const volunteers = within(form).getByRole('textbox', { name: /Volunteer places/ });
    expect((attendees as HTMLInputElement).value).toBe('100');
    await user.clear(attendees);
    await user.type(attendees, '900000');
    await user.clear(volunteers);
    await user.click(within(form).getByRole('switch', { name: /RSVPs open/ }));
    await user.click(within(form).getByRole('button', { name: 'Save logistics' }));
    expect(await within(form).findByText('At most 100,000', {}, later)).toBeTruthy();
    expect(attendees.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).queryByRole('alert')).toBeNull();

    await user.clear(attendees);
    await user.type(attendees, '120');
    await user.click(within(form).getByRole('button', { name: 'Save logistics' }));
    expect(await within(form).findByText('Saved.', {}, later)).toBeTruthy();
    expect(patches(calls).at(-1)).toEqual({
      attendeeCapacity: 120,
      volunteerCapacity: null,
      rsvpOpen: true,
    });
  });

  it('has everything that says where people stand asked for again after a save', async () => {
    const event = eventDetails({ attendeeCapacity: 2 }, can);
    fakeApi({
      ...signedInRoutes(member),
      ...page(event),
      'PATCH /api/events/ev-1': (body) => ({
        status: 200,
        body: { event: { ...event, ...(body as object) } },
      }),
    });
    const user = userEvent.setup();
    const { queryClient } = renderAt('/events/ev-1/settings');
    const cached = seedAttendance(queryClient);
    const form = await logistics();
    const attendees = within(form).getByRole('textbox', { name: /Attendee places/ });
    await user.clear(attendees);
    // More places let the waitlist in: RSVPs, attendees and the door change.
    await user.type(attendees, '5');
    await user.click(within(form).getByRole('button', { name: 'Save logistics' }));
    expect(await within(form).findByText('Saved.', {}, later)).toBeTruthy();
    await waitFor(() => expect(stillFresh(queryClient, cached)).toEqual([]));
  });

  it('creates a location on the spot and chooses it, without saving the form', async () => {
    const created = leadersLocation({ id: 'loc-9', name: 'Hangar 4', address: '', region: null });
    const event = eventDetails({}, can);
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...page(event),
      'GET /api/regions?page=1&pageSize=20': { status: 200, body: pageOf([]) },
      'POST /api/locations': { status: 201, body: { location: created } },
      'PATCH /api/events/ev-1': { status: 200, body: { event: { ...event, location: created } } },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    const form = await logistics();
    const newLocation = within(form).getByRole('button', { name: 'New location…' });
    // A button of the usual size, which a thumb finds on a phone (a compact one is ~26 px).
    expect(newLocation.dataset.size).toBe('sm');
    await user.click(newLocation);
    const dialog = await screen.findByRole('dialog', { name: 'New location' });
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Hangar 4');
    await user.click(within(dialog).getByRole('button', { name: 'Create location' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), later);
    expect(calls.find((c) => c.key === 'POST /api/locations')?.body).toEqual({
      name: 'Hangar 4',
      address: '',
      regionId: null,
    });
    // Creating it saved nothing of the event yet.
    expect(patches(calls)).toEqual([]);
    const picker = within(form).getByRole('combobox', { name: 'Location' }) as HTMLInputElement;
    await waitFor(() => expect(picker.value).toBe('Hangar 4'));
    await user.click(within(form).getByRole('button', { name: 'Save logistics' }));
    expect(await within(form).findByText('Saved.', {}, later)).toBeTruthy();
    expect(patches(calls)).toEqual([{ locationId: 'loc-9' }]);
  });

  it('is not there for those who may not update the event', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': {
        status: 200,
        body: { event: eventDetails({}, { updateSettings: true }) },
      },
      'GET /api/events/ev-1/webhooks': { status: 200, body: { items: [] } },
    });
    renderAt('/events/ev-1/settings');
    expect(await screen.findByRole('region', { name: 'Policy' }, later)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Logistics' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Sessions' })).toBeNull();
  });
});
