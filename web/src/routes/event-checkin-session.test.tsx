import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CheckinPerson } from '../api/checkin';
import {
  ana,
  anOverview,
  aPerson,
  ben,
  eventItself,
  peopleOf,
  vera,
  wim,
  onPhoneClock,
} from '../features/checkin/checkin-fixtures';
import { darkOrange } from '../features/shared/colors';
import { member, signedInRoutes } from '../test/fixtures';
import { apiError, badgeStyle, fakeApi, renderAt } from '../test/render';

const peoplePath = 'GET /api/events/ev-1/checkin/people?sessionId=s-1';
const at = '2026-06-03T08:10:00.000Z';

/**
 * The door page of the opening talks, answered by a small check-in server: it keeps who is
 * checked in, and counts `others.n` checked in at other doors besides (11, with Ben: 12 of 40).
 */
function doorServer(initial: CheckinPerson[] = [ana, ben, wim, vera]) {
  let people = initial;
  const others = { n: 11 };
  const counts = () => ({
    expected: 40,
    checkedIn: others.n + people.filter((p) => p.checkedIn).length,
  });
  const mark = (rsvpId: string, checkedIn: boolean) => {
    people = people.map((p) =>
      p.rsvpId === rsvpId ? { ...p, checkedIn, checkedInAt: checkedIn ? at : null } : p,
    );
    return people.find((p) => p.rsvpId === rsvpId)!;
  };
  const change = (checkedIn: boolean) => (body: unknown) => {
    const person = mark((body as { rsvpId: string }).rsvpId, checkedIn);
    return { status: 200, body: { person, counts: counts() } };
  };
  return {
    others,
    mark,
    routes: {
      ...signedInRoutes(member),
      'GET /api/events/ev-1/checkin': { status: 200, body: anOverview() },
      [peoplePath]: () => ({
        status: 200,
        body: { people, total: people.length, counts: counts() },
      }),
      'POST /api/events/ev-1/checkin': change(true),
      'DELETE /api/events/ev-1/checkin': change(false),
    },
  };
}

/**
 * The door page once its people are listed; the first page of a test file can take a while on
 * a busy machine, hence the longer wait.
 */
const doorOpen = () => screen.findByRole('list', { name: 'People' }, { timeout: 5_000 });

const row = (name: RegExp | string) => {
  const list = screen.getByRole('list', { name: 'People' });
  return within(list).getByRole('button', { name });
};

/** Holds the answers to one kind of request until `release` is called. */
function holdAnswers(method: string) {
  const answer = globalThis.fetch;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    if (init?.method === method) await held;
    return answer(input, init);
  });
  return () => release();
}

// Pages with several requests and dialogs: a busy machine takes longer than the default.
describe('the door page of a session', { timeout: 15_000 }, () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows the counts, a focused search box, and names only, waitlisted people marked', async () => {
    fakeApi(doorServer().routes);
    renderAt('/events/ev-1/check-in/s-1');
    await doorOpen();
    expect(screen.getByRole('heading', { level: 1, name: 'Opening talks' })).toBeTruthy();
    expect(screen.getByText(/^RustFest Berlin · /)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'All sessions' }).getAttribute('href')).toBe(
      '/events/ev-1/check-in',
    );
    expect(await screen.findByText('12 of 40 checked in')).toBeTruthy();
    const search = screen.getByRole('searchbox', { name: 'Find a name' });
    expect(document.activeElement).toBe(search);

    const list = screen.getByRole('list', { name: 'People' });
    expect(
      within(list)
        .getAllByRole('button')
        .map((b) => [b.getAttribute('aria-label'), b.getAttribute('aria-pressed')]),
    ).toEqual([
      ['Ana Lopez', 'false'],
      ['Ben Okafor', 'true'],
      ['Wim Waits, waitlisted', 'false'],
      ['Vera Volunteer, volunteer', 'false'],
    ]);
    expect(within(row(/^Wim Waits/)).getByText('Waitlisted')).toBeTruthy();
    // White on the palette's orange.9 is 4.29:1, below AA: the darker shared orange.
    expect(badgeStyle(within(row(/^Wim Waits/)).getByText('Waitlisted'), '--badge-bg')).toBe(
      darkOrange,
    );
    expect(within(row(/^Vera/)).getByText('Volunteer')).toBeTruthy();
    expect(within(row('Ben Okafor')).getByText(/Checked in/)).toBeTruthy();
    expect(within(row('Ana Lopez')).getByText('Check in')).toBeTruthy();
    expect(screen.getByRole('main').textContent).not.toContain('@');
  });

  it("says times on the event's clock, not the phone's", async () => {
    // A phone set to New Zealand's time, at a door in Berlin.
    await onPhoneClock('Pacific/Auckland', async () => {
      fakeApi(doorServer().routes);
      renderAt('/events/ev-1/check-in/s-1');
      await doorOpen();
      // 08:00–10:00 UTC: 10:00–12:00 in Berlin (20:00–22:00 in Auckland).
      const when = screen.getByText(/^RustFest Berlin · /).textContent!;
      expect(when).toMatch(/10:00/);
      expect(when).toMatch(/12:00/);
      expect(when).not.toMatch(/8:00|20:00/);
      // Ben was checked in at 08:05 UTC: 10:05 in Berlin.
      expect(within(row('Ben Okafor')).getByText(/10:05/)).toBeTruthy();
    });
  });

  it('marks someone who cancelled after being checked in, whose check-in can still be undone', async () => {
    fakeApi(doorServer([ana, { ...ben, status: 'cancelled' }]).routes);
    renderAt('/events/ev-1/check-in/s-1');
    await doorOpen();
    const benRow = row('Ben Okafor, cancelled');
    expect(within(benRow).getByText('Cancelled')).toBeTruthy();
    expect(benRow.getAttribute('aria-pressed')).toBe('true');
    // On a pressed row's pale teal, red 8 is 4.2:1: red 9 reads.
    expect(badgeStyle(within(benRow).getByText('Cancelled'), '--badge-color')).toBe(
      'var(--mantine-color-red-9)',
    );
  });

  it('filters as one types, asking the server for the name', async () => {
    const calls = fakeApi({
      ...doorServer().routes,
      [`${peoplePath}&q=wi`]: {
        status: 200,
        body: peopleOf([wim], { expected: 40, checkedIn: 12 }),
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/check-in/s-1');
    await doorOpen();
    await user.type(screen.getByRole('searchbox', { name: 'Find a name' }), 'wi');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Ana Lopez' })).toBeNull());
    expect(row('Wim Waits, waitlisted')).toBeTruthy();
    expect(calls.map((c) => c.key)).toContain(`${peoplePath}&q=wi`);
  });

  it('checks someone in at once, before the server answers, and takes its counts', async () => {
    const server = doorServer();
    const calls = fakeApi(server.routes);
    const release = holdAnswers('POST');
    const user = userEvent.setup();
    renderAt('/events/ev-1/check-in/s-1');
    await doorOpen();
    await user.click(screen.getByRole('button', { name: 'Ana Lopez' }));
    // Shown before the answer: the row pressed, the count one up, the tap announced.
    await waitFor(() => expect(row('Ana Lopez').getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByText('13 of 40 checked in')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Ana Lopez checked in.');
    // Meanwhile someone was checked in at another door: the answer's counts say so.
    server.others.n = 12;
    release();
    expect(await screen.findByText('14 of 40 checked in')).toBeTruthy();
    expect(row('Ana Lopez').getAttribute('aria-pressed')).toBe('true');
    expect(calls.find((c) => c.key === 'POST /api/events/ev-1/checkin')?.body).toEqual({
      rsvpId: 'r-ana',
      sessionId: 's-1',
    });
  });

  it('undoes a check-in by tapping the same row again', async () => {
    const calls = fakeApi(doorServer().routes);
    const user = userEvent.setup();
    renderAt('/events/ev-1/check-in/s-1');
    await doorOpen();
    await user.click(screen.getByRole('button', { name: 'Ben Okafor' }));
    await waitFor(() => expect(row('Ben Okafor').getAttribute('aria-pressed')).toBe('false'));
    expect(await screen.findByText('11 of 40 checked in')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Ben Okafor no longer checked in.');
    expect(calls.find((c) => c.key === 'DELETE /api/events/ev-1/checkin')?.body).toEqual({
      rsvpId: 'r-ben',
      sessionId: 's-1',
    });
  });

  it('offers a short Undo after a tap', async () => {
    const calls = fakeApi(doorServer().routes);
    const user = userEvent.setup();
    renderAt('/events/ev-1/check-in/s-1');
    await doorOpen();
    await user.click(screen.getByRole('button', { name: 'Ana Lopez' }));
    expect(await screen.findByText('13 of 40 checked in')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo: check-in of Ana Lopez' }));
    await waitFor(() => expect(row('Ana Lopez').getAttribute('aria-pressed')).toBe('false'));
    expect(await screen.findByText('12 of 40 checked in')).toBeTruthy();
    expect(calls.filter((c) => !c.key.startsWith('GET ')).map((c) => c.key)).toEqual([
      'POST /api/events/ev-1/checkin',
      'DELETE /api/events/ev-1/checkin',
    ]);
  });

  it('sends a quick Undo only once the tap is answered, so the server applies them in order', async () => {
    fakeApi(doorServer().routes);
    // Each change as it leaves and as its answer arrives; the check-in's answer is held.
    const seen: string[] = [];
    const answer = globalThis.fetch;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      if (method === 'GET') return answer(input, init);
      seen.push(`${method} sent`);
      if (method === 'POST') await held;
      const response = await answer(input, init);
      seen.push(`${method} answered`);
      return response;
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/check-in/s-1');
    await doorOpen();
    await user.click(screen.getByRole('button', { name: 'Ana Lopez' }));
    await user.click(await screen.findByRole('button', { name: 'Undo: check-in of Ana Lopez' }));
    // The undo shows at once, and waits for the check-in before it is sent.
    await waitFor(() => expect(row('Ana Lopez').getAttribute('aria-pressed')).toBe('false'));
    expect(screen.getByText('12 of 40 checked in')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['POST sent']);
    release();
    await waitFor(() =>
      expect(seen).toEqual(['POST sent', 'POST answered', 'DELETE sent', 'DELETE answered']),
    );
    // The last tap wins: Ana is out, with the undo's counts.
    expect(row('Ana Lopez').getAttribute('aria-pressed')).toBe('false');
    expect(await screen.findByText('12 of 40 checked in')).toBeTruthy();
  });

  it('keeps the Undo only for a short while', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fakeApi(doorServer().routes);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderAt('/events/ev-1/check-in/s-1');
    await doorOpen();
    await user.click(screen.getByRole('button', { name: 'Ana Lopez' }));
    expect(await screen.findByRole('button', { name: 'Undo: check-in of Ana Lopez' })).toBeTruthy();
    await vi.advanceTimersByTimeAsync(10_000);
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Undo/ })).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('');
    // The row itself still undoes it.
    expect(row('Ana Lopez').getAttribute('aria-pressed')).toBe('true');
  });

  it('puts a refused tap back, and says so with the name', async () => {
    fakeApi({
      ...doorServer().routes,
      'POST /api/events/ev-1/checkin': {
        status: 403,
        body: apiError('forbidden', 'You may no longer check people in here.'),
      },
    });
    const release = holdAnswers('POST');
    const user = userEvent.setup();
    renderAt('/events/ev-1/check-in/s-1');
    await doorOpen();
    await user.click(screen.getByRole('button', { name: 'Wim Waits, waitlisted' }));
    await waitFor(() => expect(row(/^Wim/).getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByText('13 of 40 checked in')).toBeTruthy();
    release();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Wim Waits was not checked in. You may no longer check people in here.',
    );
    expect(row(/^Wim/).getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByText('12 of 40 checked in')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Undo/ })).toBeNull();
  });

  it('keeps the counts and the list fresh by asking every few seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = doorServer();
    const calls = fakeApi(server.routes);
    renderAt('/events/ev-1/check-in/s-1');
    await doorOpen();
    expect(screen.getByText('12 of 40 checked in')).toBeTruthy();
    // Another door checks Ana in.
    server.mark('r-ana', true);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await screen.findByText('13 of 40 checked in')).toBeTruthy();
    expect(row('Ana Lopez').getAttribute('aria-pressed')).toBe('true');
    expect(calls.filter((c) => c.key === peoplePath).length).toBe(2);
  });

  it('says when more people match than the server lists, so the door searches', async () => {
    const many = Array.from({ length: 100 }, (_, i) =>
      aPerson({ rsvpId: `r-${i}`, name: `Person ${String(i).padStart(3, '0')}` }),
    );
    fakeApi({
      ...doorServer().routes,
      [peoplePath]: {
        status: 200,
        body: { people: many, total: 140, counts: { expected: 140, checkedIn: 0 } },
      },
    });
    renderAt('/events/ev-1/check-in/s-1');
    const list = await doorOpen();
    expect(within(list).getAllByRole('button')).toHaveLength(100);
    expect(screen.getByText('Showing 100 of 140: type a name to find someone else.')).toBeTruthy();
  });

  it('checks people in to the event itself when it has no sessions', async () => {
    let posted = false;
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1/checkin': { status: 200, body: eventItself },
      'GET /api/events/ev-1/checkin/people': () => ({
        status: 200,
        body: peopleOf([{ ...ana, checkedIn: posted }], { expected: 3, checkedIn: posted ? 1 : 0 }),
      }),
      'POST /api/events/ev-1/checkin': () => {
        posted = true;
        return {
          status: 200,
          body: { person: { ...ana, checkedIn: true }, counts: { expected: 3, checkedIn: 1 } },
        };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/check-in/event');
    await doorOpen();
    expect(await screen.findByRole('heading', { level: 1, name: 'RustFest Berlin' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the check-in' })).toBeTruthy();
    expect(await screen.findByText('0 of 3 checked in')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Ana Lopez' }));
    expect(await screen.findByText('1 of 3 checked in')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/events/ev-1/checkin')?.body).toEqual({
      rsvpId: 'r-ana',
      sessionId: null,
    });
  });

  it('offers to try again when the page could not be loaded', async () => {
    let up = false;
    fakeApi({
      ...doorServer().routes,
      'GET /api/events/ev-1/checkin': () =>
        up
          ? { status: 200, body: anOverview() }
          : { status: 503, body: apiError('unavailable', 'Steward is busy.') },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/check-in/s-1');
    // Asked once more after a second before the failure shows.
    const alert = await screen.findByRole('alert', {}, { timeout: 3_000 });
    expect(alert.textContent).toContain('The check-in could not be loaded');
    up = true;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await doorOpen();
    expect(screen.getByRole('heading', { level: 1, name: 'Opening talks' })).toBeTruthy();
  });

  it('asks again by itself until the page first loads, then no more', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let up = false;
    const calls = fakeApi({
      ...doorServer().routes,
      'GET /api/events/ev-1/checkin': () =>
        up
          ? { status: 200, body: anOverview() }
          : { status: 502, body: apiError('unavailable', 'Steward is busy.') },
    });
    renderAt('/events/ev-1/check-in/s-1');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeTruthy();
    up = true;
    await vi.advanceTimersByTimeAsync(3_000);
    await doorOpen();
    const overviews = () => calls.filter((c) => c.key === 'GET /api/events/ev-1/checkin').length;
    const loaded = overviews();
    // The names are all the page needs of it: the counts come with the people.
    await vi.advanceTimersByTimeAsync(9_000);
    expect(overviews()).toBe(loaded);
  });

  it('takes the names away and stops asking once the door is closed to the caller', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = doorServer();
    let closed = false;
    const calls = fakeApi({
      ...server.routes,
      [peoplePath]: (body) =>
        closed
          ? { status: 403, body: apiError('forbidden', 'You may not check people in here.') }
          : (server.routes[peoplePath] as (body: unknown) => { status: number })(body),
    });
    renderAt('/events/ev-1/check-in/s-1');
    await doorOpen();
    // The organizers take the checkiner role away.
    closed = true;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(
      await screen.findByRole('alert', { name: 'You can no longer check people in here' }),
    ).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'People' })).toBeNull();
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.queryByText('Ana Lopez')).toBeNull();
    expect(screen.queryByText(/checked in$/)).toBeNull();
    // Neither retried nor asked again.
    const asked = calls.filter((c) => c.key === peoplePath).length;
    await vi.advanceTimersByTimeAsync(9_000);
    expect(calls.filter((c) => c.key === peoplePath).length).toBe(asked);
  });

  it('answers a session the event does not have with the not-found page', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1/checkin': { status: 200, body: anOverview() },
    });
    renderAt('/events/ev-1/check-in/s-9');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('answers someone who may not check people in with the not-found page', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1/checkin': { status: 404, body: apiError('not_found', 'Not found.') },
    });
    renderAt('/events/ev-1/check-in/s-1');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });
});
