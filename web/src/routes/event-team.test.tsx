import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TeamPage } from '../api/teams';
import { eventDetails } from '../test/event-fixtures';
import { member, signedInRoutes } from '../test/fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';
import { aMember, mo, olga, readOnly, rita, teamOf } from '../test/team-fixtures';

/** The answers of an event's team page, with the team given. */
const teamPage = (team: TeamPage = teamOf([mo, rita, olga])) => ({
  ...signedInRoutes(member),
  'GET /api/events/ev-1': {
    status: 200,
    body: { event: eventDetails({ status: 'active' }, { viewTeam: true }) },
  },
  'GET /api/events/ev-1/team?page=1': { status: 200, body: team },
  'GET /api/events/ev-1/invitations': { status: 200, body: { items: [] } },
  'GET /api/events/ev-1/invite-links': { status: 200, body: { items: [] } },
});

const rowOf = (name: string) => screen.getByText(name, { exact: false }).closest('li')!;

describe("an event's team page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each member with their role, where it comes from, its grant, end and activity', async () => {
    const calls = fakeApi({
      ...teamPage(),
      'GET /api/events/ev-1/team?page=1&role=event_admin': {
        status: 200,
        body: teamOf([mo, olga]),
      },
      'GET /api/events/ev-1/team?page=1&q=olga&role=event_admin': {
        status: 200,
        body: teamOf([olga]),
      },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/events/ev-1/team');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Team of RustFest Berlin' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to RustFest Berlin' }).getAttribute('href')).toBe(
      '/events/ev-1',
    );
    const members = screen.getByRole('region', { name: 'Members' });
    expect(within(members).getByText('3 people.')).toBeTruthy();

    const ritaRow = rowOf('Rita Responder');
    expect(within(ritaRow).getByText('Responder')).toBeTruthy();
    expect(within(ritaRow).getByText('rita@example.org')).toBeTruthy();
    expect(within(ritaRow).getByText(/^Granted by Mo Member on /)).toBeTruthy();
    expect(within(ritaRow).getByText('No end date')).toBeTruthy();
    expect(within(ritaRow).getByText(/^Last active /)).toBeTruthy();

    const olgaRow = rowOf('Olga Admin');
    expect(within(olgaRow).getByText('Event admin')).toBeTruthy();
    expect(within(olgaRow).getByText('via Rust Community')).toBeTruthy();
    expect(
      within(olgaRow).getByText('Organization admin of the organization Rust Community'),
    ).toBeTruthy();
    expect(within(olgaRow).getByText('Not active in Steward yet')).toBeTruthy();
    // An inherited role is changed where it is held, not here.
    expect(within(olgaRow).queryAllByRole('button')).toEqual([]);
    expect(within(rowOf('Mo Member (you)')).getByText('Event admin')).toBeTruthy();

    const filter = within(members).getByRole('radiogroup', { name: 'Show members by role' });
    await user.click(within(filter).getByLabelText('Event admin'));
    expect(await within(members).findByText('2 people as Event admin.')).toBeTruthy();
    expect(router.state.location.search).toBe('?role=event_admin');
    await user.type(within(members).getByRole('searchbox'), 'olga');
    await waitFor(() => expect(router.state.location.search).toBe('?role=event_admin&q=olga'));
    expect(
      await within(members).findByText('1 person matching “olga” as Event admin.'),
    ).toBeTruthy();
    expect(calls.map((c) => c.key)).toContain(
      'GET /api/events/ev-1/team?page=1&q=olga&role=event_admin',
    );
  });

  it('offers a responder the team to read, with no action the server does not allow', async () => {
    const calls = fakeApi(
      teamPage(teamOf([aMember({ email: null }), { ...olga, email: null }], readOnly)),
    );
    renderAt('/events/ev-1/team');
    const members = await screen.findByRole('region', { name: 'Members' });
    expect(await within(members).findByText('2 people.')).toBeTruthy();
    const list = within(members).getByRole('list');
    expect(within(list).queryAllByRole('button')).toEqual([]);
    expect(within(list).queryByText('rita@example.org')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Add someone' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Invite by email' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Invite links' })).toBeNull();
    expect(calls.map((c) => c.key)).not.toContain('GET /api/events/ev-1/invite-links');
  });

  it('changes a role after confirming, with the reason, keeping its end date', async () => {
    const until = '2026-12-31T18:00:00.000Z';
    const calls = fakeApi({
      ...teamPage(teamOf([mo, { ...rita, expiresAt: until }, olga])),
      'PUT /api/events/ev-1/team/u-rita': {
        status: 200,
        body: { member: { ...rita, role: 'reporter' } },
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/team');
    await user.click(await screen.findByRole('button', { name: 'Change role of Rita Responder' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Change the role of Rita Responder?',
    });
    const select = within(dialog).getByRole('combobox', { name: 'New role' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Event admin', 'Reporter']);
    await user.selectOptions(select, 'reporter');
    await user.type(within(dialog).getByLabelText(/Reason/), 'Stepping back');
    await user.click(within(dialog).getByRole('button', { name: 'Change role' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.key === 'PUT /api/events/ev-1/team/u-rita')?.body).toEqual({
      role: 'reporter',
      expiresAt: until,
      reason: 'Stepping back',
    });
    // The team is read again.
    expect(calls.filter((c) => c.key === 'GET /api/events/ev-1/team?page=1').length).toBe(2);
  });

  it('sets an end date in local time, showing a refusal at the field, and clears it', async () => {
    let refuse = true;
    const calls = fakeApi({
      ...teamPage(),
      'PUT /api/events/ev-1/team/u-rita': () => {
        if (!refuse) return { status: 200, body: { member: rita } };
        refuse = false;
        return {
          status: 400,
          body: apiError('validation_failed', 'An expiry must be in the future.', [
            { field: 'body.expiresAt', message: 'Choose a moment in the future' },
          ]),
        };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/team');
    await user.click(
      await screen.findByRole('button', { name: 'Set end date for Rita Responder' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'When does the role of Rita Responder end?',
    });
    const input = within(dialog).getByLabelText(/Role ends/);
    fireEvent.change(input, { target: { value: '2020-01-01T10:00' } });
    await user.click(within(dialog).getByRole('button', { name: 'Save end date' }));
    expect(await within(dialog).findByText('Choose a moment in the future')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).queryByRole('alert')).toBeNull();

    fireEvent.change(input, { target: { value: '2027-07-01T18:30' } });
    await user.click(within(dialog).getByRole('button', { name: 'Save end date' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const puts = calls.filter((c) => c.key === 'PUT /api/events/ev-1/team/u-rita');
    expect(puts.at(-1)?.body).toEqual({
      role: 'responder',
      expiresAt: new Date('2027-07-01T18:30').toISOString(),
    });

    await user.click(screen.getByRole('button', { name: 'Set end date for Rita Responder' }));
    const again = await screen.findByRole('dialog');
    fireEvent.change(within(again).getByLabelText(/Role ends/), {
      target: { value: '2027-07-01T18:30' },
    });
    await user.click(within(again).getByRole('button', { name: 'Clear the end date' }));
    await user.click(within(again).getByRole('button', { name: 'Keep with no end date' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((c) => c.key.startsWith('PUT')).at(-1)?.body).toEqual({
      role: 'responder',
      expiresAt: null,
    });
  });

  it('removes someone after confirming; the last admin is explained and kept', async () => {
    let last = true;
    const calls = fakeApi({
      ...teamPage(),
      'DELETE /api/events/ev-1/team/u-rita': () =>
        last
          ? {
              status: 409,
              body: apiError('last_admin', 'Denied: an event keeps at least one event_admin.'),
            }
          : { status: 204 },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/team');
    await user.click(await screen.findByRole('button', { name: 'Remove Rita Responder' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Remove Rita Responder from the team?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(
      await within(dialog).findByText(
        'Rita Responder is the only event admin of this event, which always needs one. Make someone else an event admin first.',
      ),
    ).toBeTruthy();
    last = false;
    await user.type(within(dialog).getByLabelText(/Reason/), 'Left the organizing team');
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      calls.filter((c) => c.key === 'DELETE /api/events/ev-1/team/u-rita').at(-1)?.body,
    ).toEqual({ reason: 'Left the organizing team' });
  });

  it('adds someone with an account; an address without one leads to an invitation', async () => {
    const calls = fakeApi({
      ...teamPage(),
      'POST /api/events/ev-1/team': (body) =>
        (body as { email: string }).email === 'nina@example.org'
          ? {
              status: 200,
              body: { member: aMember({ userId: 'u-nina', name: 'Nina', role: 'responder' }) },
            }
          : {
              status: 400,
              body: apiError(
                'validation_failed',
                'No Steward account uses this address: invite them by email instead.',
                [{ field: 'body.email', message: 'No Steward account uses this address' }],
              ),
            },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/team');
    const add = await screen.findByRole('region', { name: 'Add someone' });
    const role = within(add).getByRole('combobox', { name: 'Role' });
    expect(
      within(role)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Event admin', 'Responder', 'Reporter']);
    await user.type(within(add).getByRole('textbox', { name: /Email/ }), 'nina@example.org');
    await user.selectOptions(role, 'responder');
    fireEvent.change(within(add).getByLabelText(/Role ends/), {
      target: { value: '2027-06-05T23:00' },
    });
    await user.type(within(add).getByLabelText(/Reason/), 'Joins the CoC team');
    await user.click(within(add).getByRole('button', { name: 'Add to the team' }));
    expect(await within(add).findByText('Nina is now Responder.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/events/ev-1/team')?.body).toEqual({
      email: 'nina@example.org',
      role: 'responder',
      expiresAt: new Date('2027-06-05T23:00').toISOString(),
      reason: 'Joins the CoC team',
    });

    const email = within(add).getByRole('textbox', { name: /Email/ });
    await user.type(email, 'newcomer@example.org');
    await user.click(within(add).getByRole('button', { name: 'Add to the team' }));
    expect(await within(add).findByText('No Steward account uses this address')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    await user.click(
      within(add).getByRole('button', { name: 'Invite newcomer@example.org by email' }),
    );
    const invite = screen.getByRole('region', { name: 'Invite by email' });
    const addresses = within(invite).getByRole('textbox', { name: /Email addresses/ });
    expect((addresses as HTMLTextAreaElement).value).toBe('newcomer@example.org');
    await waitFor(() => expect(document.activeElement).toBe(addresses));
  });

  it('lets the signed-in member leave, explaining when they are the last admin', async () => {
    let last = true;
    const calls = fakeApi({
      ...teamPage(),
      'DELETE /api/events/ev-1/membership': () =>
        last
          ? {
              status: 409,
              body: apiError(
                'last_admin',
                'You are the last event_admin of RustFest Berlin: name another one before you leave.',
              ),
            }
          : { status: 204 },
      'GET /api/me/events': { status: 200, body: { organizations: [], truncated: false } },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/events/ev-1/team');
    const mine = await screen.findByText('Mo Member (you)');
    const row = mine.closest('li')!;
    // One's own role is left, not removed.
    expect(within(row).queryByRole('button', { name: /^Remove/ })).toBeNull();
    await user.click(within(row).getByRole('button', { name: 'Leave this event' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave RustFest Berlin?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave this event' }));
    expect(
      await within(dialog).findByText(
        'You are the only event admin of this event. Make someone else an event admin first, then you can leave.',
      ),
    ).toBeTruthy();
    last = false;
    await user.click(within(dialog).getByRole('button', { name: 'Leave this event' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(await screen.findByText('You left RustFest Berlin.')).toBeTruthy();
    expect(
      calls.filter((c) => c.key === 'DELETE /api/events/ev-1/membership').at(-1)?.body,
    ).toEqual({ reason: null });
  });

  it('says when the team is not for the caller', async () => {
    fakeApi({
      ...teamPage(),
      'GET /api/events/ev-1/team?page=1': {
        status: 403,
        body: apiError('forbidden', 'Only the event team may see who is on it.'),
      },
    });
    renderAt('/events/ev-1/team');
    expect(await screen.findByText('Only the event team may see who is on it.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Team' })).toBeTruthy();
  });
});
