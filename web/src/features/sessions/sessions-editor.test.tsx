import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EventSession } from '../../api/sessions';
import { eventDetails } from '../../test/event-fixtures';
import { member, pageOf, signedInRoutes } from '../../test/fixtures';
import { aLocationSummary, chooseOption } from '../../test/place-fixtures';
import { seedAttendance, stillFresh } from '../../test/attendance-cache';
import { apiError, fakeApi, renderAt } from '../../test/render';
import { aLocation, aSession, threeSessions } from '../rsvps/test-fixtures';

// The event settings page's Sessions: listed by time on the event's clock, added, changed and
// removed, with the server's refusals at their fields.

const later = { timeout: 5_000 };
const event = eventDetails({ location: aLocation() }, { update: true });
const PATH = '/api/events/ev-1/sessions';

/** The event's page with a sessions list that changes as the server would keep it. */
function serve(initial: EventSession[], more: Record<string, unknown> = {}) {
  let sessions = initial;
  const calls = fakeApi({
    ...signedInRoutes(member),
    'GET /api/events/ev-1': { status: 200, body: { event } },
    [`GET ${PATH}`]: () => ({ status: 200, body: { sessions } }),
    ...(more as Record<string, never>),
  });
  return { calls, set: (next: EventSession[]) => (sessions = next) };
}
const section = () => screen.findByRole('region', { name: 'Sessions' }, later);
const berlinTime = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { timeZone: 'Europe/Berlin', timeStyle: 'short' }).format(
    new Date(iso),
  );

describe("an event's sessions", { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists sessions in the server's time order, on the event's clock, with who takes part", async () => {
    const [keynote, workshop, setup] = threeSessions();
    serve([setup!, keynote!, workshop!]);
    renderAt('/events/ev-1/settings');
    const sessions = await section();
    const list = await within(sessions).findByRole('list', { name: 'Sessions' }, later);
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => within(r).getByText(/Set-up|Keynote|workshop/).textContent)).toEqual([
      'Set-up shift',
      'Keynote',
      'Embedded workshop',
    ]);
    expect(within(rows[0]!).getByText('Volunteers only')).toBeTruthy();
    expect(within(rows[1]!).getByText('Every attendee')).toBeTruthy();
    expect(within(rows[1]!).getByText("At the event's location")).toBeTruthy();
    expect(within(rows[2]!).getByText('c-base')).toBeTruthy();
    // 09:00 in Berlin (07:00 UTC), whatever the reader's own zone.
    expect(within(rows[2]!).getByText(new RegExp(berlinTime(workshop!.startsAt)))).toBeTruthy();
    expect(within(sessions).getByText(/Europe\/Berlin/)).toBeTruthy();
  });

  it("adds a session on the event's clock, with the server's field errors at their fields", async () => {
    let attempt = 0;
    const added = aSession({ id: 'ses-new', name: 'Door shift', volunteersOnly: true });
    const { calls, set } = serve([], {
      [`POST ${PATH}`]: () => {
        if (++attempt === 1) {
          return {
            status: 400,
            body: apiError('validation_failed', 'A session ends after it starts.', [
              { field: 'body.endsAt', message: 'After the start' },
            ]),
          };
        }
        set([added]);
        return { status: 201, body: { session: added } };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    const sessions = await section();
    expect(await within(sessions).findByText(/No sessions yet/, {}, later)).toBeTruthy();
    await user.click(within(sessions).getByRole('button', { name: 'Add a session' }));
    const form = within(sessions).getByRole('form', { name: 'New session' });
    // Times the browser cannot read are caught before anything is sent.
    await user.type(within(form).getByRole('textbox', { name: /Name/ }), 'Door shift');
    await user.click(within(form).getByRole('button', { name: 'Add session' }));
    expect(within(form).getByText('Enter the date and time it starts.')).toBeTruthy();
    expect(calls.some((c) => c.key === `POST ${PATH}`)).toBe(false);

    fireEvent.change(within(form).getByLabelText(/Starts/), {
      target: { value: '2026-06-03T10:00' },
    });
    fireEvent.change(within(form).getByLabelText(/Ends/), {
      target: { value: '2026-06-03T09:00' },
    });
    await user.click(within(form).getByRole('radio', { name: /Volunteers only/ }));
    await user.click(within(form).getByRole('button', { name: 'Add session' }));
    expect(await within(form).findByText('After the start', {}, later)).toBeTruthy();
    expect(within(form).getByLabelText(/Ends/).getAttribute('aria-invalid')).toBe('true');
    expect(within(form).queryByRole('alert')).toBeNull();

    fireEvent.change(within(form).getByLabelText(/Ends/), {
      target: { value: '2026-06-03T12:00' },
    });
    await user.click(within(form).getByRole('button', { name: 'Add session' }));
    expect(await within(sessions).findByText('Door shift', {}, later)).toBeTruthy();
    expect(within(sessions).queryByRole('form')).toBeNull();
    expect(calls.filter((c) => c.key === `POST ${PATH}`).at(-1)?.body).toEqual({
      name: 'Door shift',
      // 10:00 and 12:00 in Berlin, in summer.
      startsAt: '2026-06-03T10:00:00+02:00',
      endsAt: '2026-06-03T12:00:00+02:00',
      locationId: null,
      requiredForAttendees: false,
      volunteersOnly: true,
    });
  });

  it('changes only what changed: a required session, at a location of its own', async () => {
    const talks = aSession({ volunteersOnly: true });
    const { calls } = serve([talks], {
      'GET /api/locations?page=1&pageSize=20': {
        status: 200,
        body: pageOf([aLocationSummary({ id: 'loc-2', name: 'c-base', region: null })]),
      },
      [`PATCH ${PATH}/ses-talks`]: (body: unknown) => ({
        status: 200,
        body: { session: { ...talks, ...(body as object) } },
      }),
    });
    const user = userEvent.setup();
    const { queryClient } = renderAt('/events/ev-1/settings');
    const cached = seedAttendance(queryClient);
    const sessions = await section();
    await user.click(await within(sessions).findByRole('button', { name: 'Change Talks' }, later));
    const form = within(sessions).getByRole('form', { name: 'Change Talks' });
    expect((within(form).getByLabelText(/Starts/) as HTMLInputElement).value).toBe(
      '2026-06-03T10:00',
    );
    expect(
      (within(form).getByRole('radio', { name: /Volunteers only/ }) as HTMLInputElement).checked,
    ).toBe(true);
    // One choice of who takes part: every attendee is no longer volunteers only.
    await user.click(within(form).getByRole('radio', { name: /Every attendee/ }));
    await chooseOption(user, within(form).getByRole('combobox', { name: /Location/ }), /^c-base/);
    await user.click(within(form).getByRole('button', { name: 'Save session' }));
    await waitFor(() => expect(within(sessions).queryByRole('form')).toBeNull(), later);
    expect(calls.filter((c) => c.key === `PATCH ${PATH}/ses-talks`).at(-1)?.body).toEqual({
      locationId: 'loc-2',
      requiredForAttendees: true,
      volunteersOnly: false,
    });
    // Now required, it joins every attendee's RSVP: what shows their sessions is asked again.
    await waitFor(() => expect(stillFresh(queryClient, cached)).toEqual([]));
  });

  it('removes a session after asking, and shows why the server refuses', async () => {
    let attempt = 0;
    const { calls, set } = serve([aSession()], {
      [`DELETE ${PATH}/ses-talks`]: () => {
        if (++attempt === 1) {
          return {
            status: 409,
            body: apiError('in_use', 'People were checked in to this session.'),
          };
        }
        set([]);
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    const sessions = await section();
    await user.click(await within(sessions).findByRole('button', { name: 'Remove Talks' }, later));
    const dialog = await screen.findByRole('dialog', { name: 'Remove the session Talks?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove session' }));
    expect(
      await within(dialog).findByText('People were checked in to this session.', {}, later),
    ).toBeTruthy();
    await user.type(within(dialog).getByLabelText(/Reason/), 'Cancelled');
    await user.click(within(dialog).getByRole('button', { name: 'Remove session' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), later);
    expect(await within(sessions).findByText(/No sessions yet/, {}, later)).toBeTruthy();
    expect(calls.filter((c) => c.key === `DELETE ${PATH}/ses-talks`).at(-1)?.body).toEqual({
      reason: 'Cancelled',
    });
  });
});
