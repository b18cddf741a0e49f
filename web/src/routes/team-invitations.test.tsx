import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { eventDetails } from '../test/event-fixtures';
import { member, signedInRoutes } from '../test/fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';
import { aSentInvitation, anInviteLink, manager, mo, rita, teamOf } from '../test/team-fixtures';

const URL = 'https://steward.example.org/join#token=a-secret-token-0123456789';

/** An event admin's team page, with the invitations and links given (read again after changes). */
const teamPage = (
  invitations: () => unknown[] = () => [],
  links: () => unknown[] = () => [],
  can = manager,
) => ({
  ...signedInRoutes(member),
  'GET /api/events/ev-1': {
    status: 200,
    body: { event: eventDetails({ status: 'active' }, { viewTeam: true }) },
  },
  'GET /api/events/ev-1/team?page=1': { status: 200, body: teamOf([mo, rita], can) },
  'GET /api/events/ev-1/invitations': () => ({ status: 200, body: { items: invitations() } }),
  'GET /api/events/ev-1/invite-links': () => ({ status: 200, body: { items: links() } }),
});

describe("an event's invitations and invite links", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('invites several addresses with a role and a message, and lists them', async () => {
    let sent: unknown[] = [];
    const calls = fakeApi({
      ...teamPage(() => sent),
      'POST /api/events/ev-1/invitations': () => {
        sent = [
          aSentInvitation({ id: 'inv-2', email: 'nina@example.org', message: 'Welcome!' }),
          aSentInvitation({ id: 'inv-3', email: 'omar@example.org', message: 'Welcome!' }),
        ];
        return { status: 201, body: { items: sent } };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/team');
    const section = await screen.findByRole('region', { name: 'Invite by email' });
    expect(await within(section).findByText('No invitation is waiting.')).toBeTruthy();
    await user.type(
      within(section).getByRole('textbox', { name: /Email addresses/ }),
      'nina@example.org,\nomar@example.org  nina@example.org',
    );
    await user.selectOptions(within(section).getByRole('combobox', { name: 'Role' }), 'responder');
    await user.type(within(section).getByRole('textbox', { name: /Personal message/ }), 'Welcome!');
    await user.click(within(section).getByRole('button', { name: 'Send invitations' }));
    expect(
      await within(section).findByText(
        /^Sent to nina@example.org, omar@example.org, to accept until/,
      ),
    ).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/events/ev-1/invitations')?.body).toEqual({
      emails: ['nina@example.org', 'omar@example.org'],
      role: 'responder',
      message: 'Welcome!',
    });
    const waiting = await within(section).findByText('omar@example.org');
    expect(within(waiting.closest('li')!).getByText('Responder')).toBeTruthy();
    expect(within(waiting.closest('li')!).getByText(/^Sent by Mo Member on/)).toBeTruthy();
  });

  it('shows a bad address at the addresses, by name', async () => {
    fakeApi({
      ...teamPage(),
      'POST /api/events/ev-1/invitations': {
        status: 400,
        body: apiError('validation_failed', 'Please check: body.emails.1.', [
          { field: 'body.emails.1', message: 'Enter valid email addresses' },
        ]),
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/team');
    const section = await screen.findByRole('region', { name: 'Invite by email' });
    const addresses = within(section).getByRole('textbox', { name: /Email addresses/ });
    await user.type(addresses, 'nina@example.org; omar@');
    await user.click(within(section).getByRole('button', { name: 'Send invitations' }));
    expect(await within(section).findByText('omar@: Enter valid email addresses')).toBeTruthy();
    expect(addresses.getAttribute('aria-invalid')).toBe('true');
    expect(within(section).queryByRole('alert')).toBeNull();
  });

  it('resends a waiting invitation, and revokes one after confirming', async () => {
    let items = [
      aSentInvitation(),
      aSentInvitation({ id: 'inv-2', email: 'omar@example.org', status: 'expired' }),
    ];
    const calls = fakeApi({
      ...teamPage(() => items),
      'POST /api/events/ev-1/invitations/inv-2/resend': () => {
        items = [items[0]!, aSentInvitation({ id: 'inv-4', email: 'omar@example.org' })];
        return { status: 200, body: { invitation: items[1] } };
      },
      'POST /api/events/ev-1/invitations/inv-1/revoke': () => {
        const revoked = { ...items[0]!, status: 'revoked' };
        items = items.slice(1);
        return { status: 200, body: { invitation: revoked } };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/team');
    const section = await screen.findByRole('region', { name: 'Invite by email' });
    const omar = await within(section).findByText('omar@example.org');
    expect(within(omar.closest('li')!).getByText('Expired')).toBeTruthy();
    await user.click(
      within(section).getByRole('button', { name: 'Resend the invitation to omar@example.org' }),
    );
    expect(
      await within(section).findByText(
        'A new invitation went to omar@example.org; the earlier link no longer works.',
      ),
    ).toBeTruthy();
    await waitFor(() =>
      expect(
        within(within(section).getByText('omar@example.org').closest('li')!).queryByText('Expired'),
      ).toBeNull(),
    );

    await user.click(
      within(section).getByRole('button', { name: 'Revoke the invitation to nina@example.org' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Revoke the invitation to nina@example.org?',
    });
    // Nothing about a revocation is kept but the fact: no reason is asked for.
    expect(within(dialog).queryByLabelText(/Reason/)).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Revoke invitation' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      await within(section).findByText('The invitation to nina@example.org is revoked.'),
    ).toBeTruthy();
    await waitFor(() => expect(within(section).queryByText('nina@example.org')).toBeNull());
    expect(calls.map((c) => c.key)).toContain('POST /api/events/ev-1/invitations/inv-1/revoke');
  });

  it('creates an invite link and shows its address once, to copy', async () => {
    let links = [anInviteLink()];
    const created = anInviteLink({
      id: 'link-2',
      role: 'responder',
      note: 'CoC volunteers',
      maxUses: 5,
      useCount: 0,
      expiresAt: new Date('2027-01-10T12:00').toISOString(),
    });
    const calls = fakeApi({
      ...teamPage(
        () => [],
        () => links,
      ),
      'POST /api/events/ev-1/invite-links': () => {
        links = [created, ...links];
        return { status: 201, body: { link: created, url: URL } };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/team');
    const section = await screen.findByRole('region', { name: 'Invite links' });
    const existing = (await within(section).findByText('3 of 10 used')).closest('li')!;
    expect(within(existing).getByText('Active')).toBeTruthy();
    expect(within(existing).getByText('Attendee Slack')).toBeTruthy();
    expect(within(existing).getByText('Reporter')).toBeTruthy();

    await user.selectOptions(within(section).getByRole('combobox', { name: 'Role' }), 'responder');
    fireEvent.change(within(section).getByLabelText(/Works until/), {
      target: { value: '2027-01-10T12:00' },
    });
    const uses = within(section).getByRole('spinbutton', { name: /How many people/ });
    await user.clear(uses);
    await user.type(uses, '5');
    await user.type(within(section).getByRole('textbox', { name: /Note/ }), 'CoC volunteers');
    await user.click(within(section).getByRole('button', { name: 'Create link' }));

    const shown = await within(section).findByRole('textbox', { name: 'Invite link' });
    expect((shown as HTMLInputElement).value).toBe(URL);
    expect(within(section).getByText('Copy it now: it will not be shown again.')).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Copy link' })).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/events/ev-1/invite-links')?.body).toEqual({
      role: 'responder',
      expiresAt: new Date('2027-01-10T12:00').toISOString(),
      maxUses: 5,
      note: 'CoC volunteers',
    });
    expect(await within(section).findByText('0 of 5 used')).toBeTruthy();

    // Once dismissed, the address is nowhere on the page, and the list never had it.
    await user.click(within(section).getByRole('button', { name: 'Done' }));
    expect(within(section).queryByRole('textbox', { name: 'Invite link' })).toBeNull();
    expect(document.body.textContent).not.toContain('a-secret-token');
    expect(
      [...document.querySelectorAll('input')].some((i) => i.value.includes('a-secret-token')),
    ).toBe(false);
  });

  it('shows a refused expiry at its field', async () => {
    fakeApi({
      ...teamPage(),
      'POST /api/events/ev-1/invite-links': {
        status: 400,
        body: apiError('validation_failed', 'An invite link lasts from now up to 90 days.', [
          { field: 'body.expiresAt', message: 'Between now and 90 days ahead' },
        ]),
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/team');
    const section = await screen.findByRole('region', { name: 'Invite links' });
    await user.click(within(section).getByRole('button', { name: 'Create link' }));
    expect(await within(section).findByText('Between now and 90 days ahead')).toBeTruthy();
    expect(
      within(section)
        .getByLabelText(/Works until/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(within(section).queryByRole('textbox', { name: 'Invite link' })).toBeNull();
  });

  it('disables an active link after confirming; ended links offer nothing', async () => {
    let links = [
      anInviteLink(),
      anInviteLink({ id: 'link-0', note: null, useCount: 10, status: 'used_up' }),
    ];
    const calls = fakeApi({
      ...teamPage(
        () => [],
        () => links,
      ),
      'POST /api/events/ev-1/invite-links/link-1/disable': () => {
        const disabled = {
          ...links[0]!,
          status: 'disabled' as const,
          disabledAt: '2026-03-03T10:00:00.000Z',
        };
        links = [disabled, links[1]!];
        return { status: 200, body: { link: disabled } };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/team');
    const section = await screen.findByRole('region', { name: 'Invite links' });
    const usedUp = (await within(section).findByText('10 of 10 used')).closest('li')!;
    expect(within(usedUp).getByText('Used up')).toBeTruthy();
    expect(within(usedUp).queryByRole('button')).toBeNull();

    await user.click(
      within(section).getByRole('button', { name: 'Disable the Reporter link “Attendee Slack”' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Disable this invite link?' });
    expect(
      within(dialog).getByText(/The 3 people who joined with it keep their role/),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Disable link' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.map((c) => c.key)).toContain('POST /api/events/ev-1/invite-links/link-1/disable');
    const disabled = (await within(section).findByText('Disabled')).closest('li')!;
    expect(within(disabled).getByText(/disabled on/)).toBeTruthy();
    expect(within(disabled).queryByRole('button')).toBeNull();
  });

  it('shows invitations to those who may manage them only', async () => {
    const calls = fakeApi(
      teamPage(undefined, undefined, { manage: true, invite: false, assignable: ['reporter'] }),
    );
    renderAt('/events/ev-1/team');
    expect(await screen.findByRole('region', { name: 'Add someone' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Invite by email' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Invite links' })).toBeNull();
    expect(calls.map((c) => c.key)).not.toContain('GET /api/events/ev-1/invitations');
  });
});
