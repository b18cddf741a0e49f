import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { anOverview, eventItself, onPhoneClock } from '../features/checkin/checkin-fixtures';
import { member, signedInRoutes } from '../test/fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';

describe('the check-in page of an event', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('lists the sessions with their counts, each linking to its door page', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1/checkin': { status: 200, body: { ...anOverview() } },
    });
    renderAt('/events/ev-1/check-in');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Check-in: RustFest Berlin' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to RustFest Berlin' }).getAttribute('href')).toBe(
      '/events/ev-1',
    );
    const list = screen.getByRole('list', { name: 'Sessions' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('link', { name: 'Opening talks' }).getAttribute('href')).toBe(
      '/events/ev-1/check-in/s-1',
    );
    expect(within(rows[0]!).getByText('12 of 40 checked in')).toBeTruthy();
    expect(within(rows[1]!).getByRole('link', { name: 'Installfest' }).getAttribute('href')).toBe(
      '/events/ev-1/check-in/s-2',
    );
    expect(within(rows[1]!).getByText('0 of 15 checked in')).toBeTruthy();
  });

  it("says the sessions' times on the event's clock, not the phone's", async () => {
    // A phone set to New Zealand's time, at a door in Berlin.
    await onPhoneClock('Pacific/Auckland', async () => {
      fakeApi({
        ...signedInRoutes(member),
        'GET /api/events/ev-1/checkin': { status: 200, body: anOverview() },
      });
      renderAt('/events/ev-1/check-in');
      const list = await screen.findByRole('list', { name: 'Sessions' });
      const [talks] = within(list).getAllByRole('listitem');
      // 08:00–10:00 UTC: 10:00–12:00 in Berlin (20:00–22:00 in Auckland).
      expect(talks!.textContent).toMatch(/10:00/);
      expect(talks!.textContent).toMatch(/12:00/);
      expect(talks!.textContent).not.toMatch(/8:00|20:00/);
    });
  });

  it('offers the event itself when it has no sessions', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1/checkin': { status: 200, body: eventItself },
    });
    renderAt('/events/ev-1/check-in');
    const link = await screen.findByRole('link', { name: 'RustFest Berlin (the whole event)' });
    expect(link.getAttribute('href')).toBe('/events/ev-1/check-in/event');
    expect(screen.getByText('1 of 3 checked in')).toBeTruthy();
  });

  it('asks for the counts again every few seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let checkedIn = 12;
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1/checkin': () => {
        const overview = anOverview();
        overview.sessions[0]!.counts.checkedIn = checkedIn;
        return { status: 200, body: overview };
      },
    });
    renderAt('/events/ev-1/check-in');
    expect(await screen.findByText('12 of 40 checked in')).toBeTruthy();
    checkedIn = 13;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await screen.findByText('13 of 40 checked in')).toBeTruthy();
    expect(calls.filter((c) => c.key === 'GET /api/events/ev-1/checkin').length).toBe(2);
  });

  it('takes the sessions away and stops asking once the event refuses the caller', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let archived = false;
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1/checkin': () =>
        archived
          ? { status: 403, body: apiError('forbidden', 'This event is archived.') }
          : { status: 200, body: anOverview() },
    });
    renderAt('/events/ev-1/check-in');
    expect(await screen.findByText('12 of 40 checked in')).toBeTruthy();
    archived = true;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(
      await screen.findByRole('alert', { name: 'You can no longer check people in here' }),
    ).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Sessions' })).toBeNull();
    const asked = calls.filter((c) => c.key === 'GET /api/events/ev-1/checkin').length;
    await vi.advanceTimersByTimeAsync(9_000);
    expect(calls.filter((c) => c.key === 'GET /api/events/ev-1/checkin').length).toBe(asked);
  });

  it('answers someone who may not check people in with the not-found page', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1/checkin': { status: 404, body: apiError('not_found', 'Not found.') },
    });
    renderAt('/events/ev-1/check-in');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('asks a signed-out visitor to sign in', async () => {
    fakeApi({ 'GET /api/auth/session': { status: 200, body: { user: null } } });
    renderAt('/events/ev-1/check-in');
    const main = await screen.findByRole('main');
    expect((await within(main).findByRole('link', { name: 'Sign in' })).getAttribute('href')).toBe(
      '/sign-in?next=%2Fevents%2Fev-1%2Fcheck-in',
    );
  });
});
