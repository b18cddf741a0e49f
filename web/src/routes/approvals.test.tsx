import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';
import { anEvent, member, pageOf, publisher, signedInAs, signedInRoutes } from '../test/fixtures';

const proposal = anEvent({
  id: 'ev-7',
  name: 'Rust Night',
  status: 'pending_approval',
  chapter: { id: 'ch-1', name: 'Berlin' },
  myRole: null,
});
const other = anEvent({
  id: 'ev-8',
  name: 'PyData Evening',
  status: 'pending_approval',
  organization: { id: 'org-2', name: 'Python Society' },
  startsOn: null,
  endsOn: null,
  myRole: null,
});

describe('the approval queue', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists waiting events and approves one after confirming, with a reason', async () => {
    let approved = false;
    const calls = fakeApi({
      ...signedInAs(publisher),
      'GET /api/events/approvals?page=1': () => ({
        status: 200,
        body: pageOf(approved ? [other] : [proposal, other]),
      }),
      'POST /api/events/ev-7/approve': () => {
        approved = true;
        return { status: 200, body: { event: { ...proposal, status: 'active' } } };
      },
    });
    const user = userEvent.setup();
    renderAt('/approvals');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Waiting for approval' }),
    ).toBeTruthy();
    expect(await screen.findByText(/2 events wait/)).toBeTruthy();
    const row = screen.getByRole('link', { name: 'Rust Night' }).closest('li')!;
    expect(screen.getByRole('link', { name: 'Rust Night' }).getAttribute('href')).toBe(
      '/events/ev-7',
    );
    expect(within(row).getByText('Waiting for approval')).toBeTruthy();
    expect(within(row).getByText(/Rust Community · Berlin chapter/)).toBeTruthy();
    const otherRow = screen.getByRole('link', { name: 'PyData Evening' }).closest('li')!;
    expect(within(otherRow).getByText(/No dates yet · Python Society/)).toBeTruthy();

    await user.click(within(row).getByRole('button', { name: 'Approve Rust Night' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve Rust Night?' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Looks good');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.key === 'POST /api/events/ev-7/approve')?.body).toEqual({
      reason: 'Looks good',
    });
    expect(await screen.findByText('Rust Night is active now.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Rust Night' })).toBeNull();
    expect(screen.getByRole('link', { name: 'PyData Evening' })).toBeTruthy();
  });

  it('shows a refusal in the dialog, and the queue as it is now', async () => {
    let gone = false;
    fakeApi({
      ...signedInAs(publisher),
      'GET /api/events/approvals?page=1': () => ({
        status: 200,
        body: pageOf(gone ? [] : [proposal]),
      }),
      'POST /api/events/ev-7/approve': () => {
        gone = true;
        return {
          status: 409,
          body: apiError('invalid_state', 'This event is no longer waiting for approval.'),
        };
      },
    });
    const user = userEvent.setup();
    renderAt('/approvals');
    await user.click(await screen.findByRole('button', { name: 'Approve Rust Night' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve Rust Night?' });
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(
      await within(dialog).findByText('This event is no longer waiting for approval.'),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(/Nothing is waiting for your approval/)).toBeTruthy();
  });

  it('says kindly that nothing waits', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/approvals?page=1': { status: 200, body: pageOf([]) },
    });
    renderAt('/approvals');
    expect(await screen.findByText(/Nothing is waiting for your approval/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Approvals' })).toBeNull();
  });
});
