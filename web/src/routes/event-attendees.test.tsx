import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EventAbilities } from '../api/events';
import {
  aMessage,
  aSummary,
  ana,
  attendeesOf,
  sam,
  sessions,
  wim,
} from '../features/attendees/attendee-fixtures';
import { darkOrange } from '../features/shared/colors';
import { eventDetails } from '../test/event-fixtures';
import { member, signedInRoutes } from '../test/fixtures';
import { apiError, badgeStyle, fakeApi, renderAt } from '../test/render';

const admin: Partial<EventAbilities> = {
  update: true,
  viewAttendees: true,
  assignCheckiners: true,
  checkIn: true,
};
const listPath = 'GET /api/events/ev-1/attendees?page=1';

/** The answers of the attendee page for a caller with these abilities. */
const attendeePage = (can: Partial<EventAbilities> = admin) => ({
  ...signedInRoutes(member),
  'GET /api/events/ev-1': {
    status: 200,
    body: { event: eventDetails({ status: 'active' }, can) },
  },
  [listPath]: { status: 200, body: attendeesOf([ana, sam, wim]) },
  'GET /api/events/ev-1/sessions': { status: 200, body: { sessions } },
  'GET /api/events/ev-1/messages': { status: 200, body: { items: [aMessage()] } },
});

/** The page once its list shows; the first page of a test file can take a while to appear. */
const listed = () => screen.findByRole('list', { name: 'Attendees' }, { timeout: 5_000 });

const rowOf = (name: string) =>
  within(screen.getByRole('list', { name: 'Attendees' }))
    .getByText(name)
    .closest('li')!;

// Pages with several requests and dialogs: a busy machine takes longer than the default.
describe("an event's attendee page", { timeout: 15_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the places, and each person with their place, sessions and check-ins', async () => {
    fakeApi(attendeePage());
    renderAt('/events/ev-1/attendees');
    await listed();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Attendees: RustFest Berlin' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to RustFest Berlin' }).getAttribute('href')).toBe(
      '/events/ev-1',
    );
    expect(screen.getByRole('link', { name: 'Check-in' }).getAttribute('href')).toBe(
      '/events/ev-1/check-in',
    );

    const places = screen.getByRole('region', { name: 'Places' });
    expect(within(places).getByText('RSVPs open')).toBeTruthy();
    expect(
      within(places).getByText('Attendees: 2 confirmed of 50 places · 1 waitlisted'),
    ).toBeTruthy();
    expect(
      within(places).getByText('Volunteers: 1 confirmed (no limit) · 0 waitlisted'),
    ).toBeTruthy();

    expect(screen.getByText('3 people.')).toBeTruthy();
    const anaRow = rowOf('Ana Lopez');
    expect(within(anaRow).getByText('Attendee')).toBeTruthy();
    expect(within(anaRow).getByText('Confirmed')).toBeTruthy();
    expect(within(anaRow).getByText('Checked in')).toBeTruthy();
    expect(
      within(anaRow).getByText('Sessions: Opening talks (checked in) · Installfest'),
    ).toBeTruthy();

    const wimRow = rowOf('Wim Waits');
    expect(within(wimRow).getByText('Waitlisted · #1')).toBeTruthy();
    // White on the palette's orange.9 is 4.29:1, below AA: the darker shared orange.
    expect(badgeStyle(within(wimRow).getByText('Waitlisted · #1'), '--badge-bg')).toBe(darkOrange);
    expect(within(wimRow).queryByText('Checked in')).toBeNull();

    const samRow = rowOf('Sam Shares');
    expect(within(samRow).getByText('Volunteer')).toBeTruthy();
    expect(within(samRow).getByText('Checkiner')).toBeTruthy();
  });

  it('shows an address only where its owner shared it', async () => {
    fakeApi(attendeePage());
    renderAt('/events/ev-1/attendees');
    await listed();
    expect(within(rowOf('Sam Shares')).getByText('sam@example.org')).toBeTruthy();
    expect(within(rowOf('Ana Lopez')).getByText('Email not shared')).toBeTruthy();
    expect(within(rowOf('Wim Waits')).getByText('Email not shared')).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Attendees' });
    expect(list.textContent?.match(/@/g)).toHaveLength(1);
  });

  it('pages through a long list, the page in the address', async () => {
    fakeApi({
      ...attendeePage(),
      [listPath]: { status: 200, body: attendeesOf([ana, sam, wim], 30) },
      'GET /api/events/ev-1/attendees?page=2': { status: 200, body: attendeesOf([ana], 30, 2) },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/events/ev-1/attendees');
    await listed();
    expect(screen.getByText('30 people.')).toBeTruthy();
    const pager = screen.getByRole('navigation', { name: 'Pages of attendees' });
    await user.click(within(pager).getByRole('button', { name: 'Next' }));
    expect(await within(pager).findByText('Page 2 of 2')).toBeTruthy();
    expect(router.state.location.search).toBe('?page=2');
  });

  it('filters by kind and place and searches by name, all in the address', async () => {
    const calls = fakeApi({
      ...attendeePage(),
      'GET /api/events/ev-1/attendees?page=1&kind=attendee': {
        status: 200,
        body: attendeesOf([ana, wim]),
      },
      'GET /api/events/ev-1/attendees?page=1&kind=attendee&status=waitlisted': {
        status: 200,
        body: attendeesOf([wim]),
      },
      'GET /api/events/ev-1/attendees?page=1&kind=attendee&status=waitlisted&q=wim': {
        status: 200,
        body: attendeesOf([wim]),
      },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/events/ev-1/attendees');
    await listed();
    const people = screen.getByRole('region', { name: 'People' });
    const kinds = within(people).getByRole('radiogroup', { name: 'Show by kind' });
    await user.click(within(kinds).getByLabelText('Attendees'));
    expect(await within(people).findByText('2 people among attendees.')).toBeTruthy();
    expect(router.state.location.search).toBe('?kind=attendee');
    const places = within(people).getByRole('radiogroup', { name: 'Show by place' });
    await user.click(within(places).getByLabelText('Waitlisted'));
    expect(await within(people).findByText('1 person among attendees, waitlisted.')).toBeTruthy();
    await user.type(within(people).getByRole('searchbox', { name: 'Search by name' }), 'wim');
    expect(
      await within(people).findByText(
        '1 person matching “wim” among attendees, waitlisted.',
        {},
        // The search waits for typing to settle first.
        { timeout: 3_000 },
      ),
    ).toBeTruthy();
    expect(calls.map((c) => c.key)).toContain(
      'GET /api/events/ev-1/attendees?page=1&kind=attendee&status=waitlisted&q=wim',
    );
  });

  it('ignores a filter value the list does not know', async () => {
    const calls = fakeApi(attendeePage());
    renderAt('/events/ev-1/attendees?kind=speaker');
    await listed();
    expect(calls.map((c) => c.key)).toContain(listPath);
  });

  it('makes someone a checkiner after asking, with the reason, and reads the list again', async () => {
    let made = false;
    const calls = fakeApi({
      ...attendeePage(),
      [listPath]: () => ({
        status: 200,
        body: attendeesOf([{ ...ana, checkiner: made }, sam, wim]),
      }),
      'PUT /api/events/ev-1/checkiners/u-ana': () => {
        made = true;
        return { status: 200, body: { attendee: { ...ana, checkiner: true } } };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/attendees');
    await listed();
    await user.click(screen.getByRole('button', { name: 'Make Ana Lopez a checkiner' }));
    const dialog = await screen.findByRole('dialog', { name: 'Make Ana Lopez a checkiner?' });
    expect(dialog.textContent).toContain('They see names only, never email addresses.');
    await user.type(within(dialog).getByLabelText(/Reason/), 'Runs the door on Saturday');
    await user.click(within(dialog).getByRole('button', { name: 'Make checkiner' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.key === 'PUT /api/events/ev-1/checkiners/u-ana')?.body).toEqual({
      reason: 'Runs the door on Saturday',
    });
    expect(await within(rowOf('Ana Lopez')).findByText('Checkiner')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove Ana Lopez as checkiner' })).toBeTruthy();
  });

  it('removes a checkiner, and shows a refusal inside the dialog', async () => {
    let refuse = true;
    const calls = fakeApi({
      ...attendeePage(),
      'DELETE /api/events/ev-1/checkiners/u-sam': () => {
        if (refuse) {
          refuse = false;
          return { status: 403, body: apiError('forbidden', 'You may not change roles here.') };
        }
        return { status: 200, body: { attendee: { ...sam, checkiner: false } } };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/attendees');
    await listed();
    await user.click(screen.getByRole('button', { name: 'Remove Sam Shares as checkiner' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Sam Shares as checkiner?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove as checkiner' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'You may not change roles here.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Remove as checkiner' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      calls.filter((c) => c.key === 'DELETE /api/events/ev-1/checkiners/u-sam').map((c) => c.body),
    ).toEqual([{}, {}]);
  });

  it('offers no checkiner changes to someone who may not assign them', async () => {
    fakeApi(attendeePage({ ...admin, assignCheckiners: false }));
    renderAt('/events/ev-1/attendees');
    const list = await listed();
    expect(within(list).queryAllByRole('button')).toEqual([]);
  });

  it('tells someone who may not see the attendees so, and asks nothing of them', async () => {
    const calls = fakeApi(attendeePage({ update: true, checkIn: true }));
    renderAt('/events/ev-1/attendees');
    expect(
      await screen.findByText('The attendee list of RustFest Berlin is open only to its admins.'),
    ).toBeTruthy();
    expect(calls.map((c) => c.key)).not.toContain(listPath);
    expect(calls.map((c) => c.key)).not.toContain('GET /api/events/ev-1/messages');
  });

  it('sends a message after a confirmation that says how many it reaches', async () => {
    let sent = false;
    const message = aMessage({
      id: 'm-2',
      audience: 'attendees',
      subject: 'Room change',
      body: 'We moved to hall B.',
      recipientCount: 2,
      sentAt: '2026-05-25T09:00:00.000Z',
    });
    const calls = fakeApi({
      ...attendeePage(),
      'GET /api/events/ev-1/messages': () => ({
        status: 200,
        body: { items: sent ? [message, aMessage()] : [aMessage()] },
      }),
      'POST /api/events/ev-1/messages': () => {
        sent = true;
        return { status: 201, body: { message } };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/attendees');
    await listed();
    const section = screen.getByRole('region', { name: 'Message attendees' });
    expect(section.textContent).toContain('nobody sees anyone else’s address');
    expect(section.textContent).toContain('Replies go to Steward’s sending address');
    const history = within(section).getByRole('list', { name: 'Sent messages' });
    expect(within(history).getByText('Doors open at nine')).toBeTruthy();
    expect(
      within(history).getByText(
        /^To everyone \(confirmed and waitlisted\) \(4 people\) · by Mo Member/,
      ),
    ).toBeTruthy();

    const form = within(section).getByRole('form', { name: 'Message attendees' });
    const to = within(form).getByRole('combobox', { name: 'To' });
    expect(within(form).getByText('4 people now.')).toBeTruthy();
    await user.selectOptions(to, 'attendees');
    expect(within(form).getByText('2 people now.')).toBeTruthy();
    await user.type(within(form).getByRole('textbox', { name: 'Subject' }), 'Room change');
    await user.type(within(form).getByRole('textbox', { name: 'Message' }), 'We moved to hall B.');
    await user.click(within(form).getByRole('button', { name: 'Send…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send this message to 2 people?' });
    expect(dialog.textContent).toContain('“Room change” goes by email to confirmed attendees');
    await user.click(within(dialog).getByRole('button', { name: 'Send to 2 people' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.key === 'POST /api/events/ev-1/messages')?.body).toEqual({
      audience: 'attendees',
      subject: 'Room change',
      body: 'We moved to hall B.',
    });
    expect(within(form).getByText('Sent to 2 people.')).toBeTruthy();
    expect(await within(history).findByText('Room change')).toBeTruthy();
    expect((within(form).getByRole('textbox', { name: 'Subject' }) as HTMLInputElement).value).toBe(
      '',
    );
  });

  it('shows a refused field at its field, back in the form', async () => {
    fakeApi({
      ...attendeePage(),
      'POST /api/events/ev-1/messages': {
        status: 400,
        body: apiError('validation_failed', 'Check the message.', [
          { field: 'body.subject', message: 'Keep the subject on one line' },
        ]),
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/attendees');
    await listed();
    const form = screen.getByRole('form', { name: 'Message attendees' });
    await user.type(within(form).getByRole('textbox', { name: 'Subject' }), 'Hello');
    await user.type(within(form).getByRole('textbox', { name: 'Message' }), 'Text');
    await user.click(within(form).getByRole('button', { name: 'Send…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send this message to 4 people?' });
    await user.click(within(dialog).getByRole('button', { name: 'Send to 4 people' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await within(form).findByText('Keep the subject on one line')).toBeTruthy();
  });

  it('cannot send to an audience nobody is in', async () => {
    const noVolunteers = aSummary({ volunteer: { capacity: 5, confirmed: 0, waitlisted: 0 } });
    fakeApi({
      ...attendeePage(),
      [listPath]: { status: 200, body: attendeesOf([ana, wim], 2, 1, noVolunteers) },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/attendees');
    await listed();
    const form = screen.getByRole('form', { name: 'Message attendees' });
    const send = within(form).getByRole('button', { name: 'Send…' }) as HTMLButtonElement;
    await user.selectOptions(within(form).getByRole('combobox', { name: 'To' }), 'waitlisted');
    expect(within(form).getByText('1 person now.')).toBeTruthy();
    expect(send.disabled).toBe(false);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'To' }), 'volunteers');
    expect(within(form).getByText('0 people now.')).toBeTruthy();
    expect(within(form).getByText('Nobody is in this audience yet.')).toBeTruthy();
    expect(send.disabled).toBe(true);
  });
});

describe('the event dashboard', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('links the attendee list and the check-in where the caller may use them', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': {
        status: 200,
        body: { event: eventDetails({ status: 'active' }, admin) },
      },
    });
    renderAt('/events/ev-1');
    const main = await screen.findByRole('main', {}, { timeout: 5_000 });
    expect(
      (await within(main).findByRole('link', { name: 'Attendees' })).getAttribute('href'),
    ).toBe('/events/ev-1/attendees');
    expect(within(main).getByRole('link', { name: 'Check-in' }).getAttribute('href')).toBe(
      '/events/ev-1/check-in',
    );
  });

  it('links only the check-in for a checkiner', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': {
        status: 200,
        body: {
          event: eventDetails(
            { status: 'active', myRole: { role: 'checkiner', via: 'event', from: null } },
            { checkIn: true },
          ),
        },
      },
    });
    renderAt('/events/ev-1');
    const main = await screen.findByRole('main', {}, { timeout: 5_000 });
    expect(await within(main).findByRole('link', { name: 'Check-in' })).toBeTruthy();
    expect(within(main).queryByRole('link', { name: 'Attendees' })).toBeNull();
  });
});
