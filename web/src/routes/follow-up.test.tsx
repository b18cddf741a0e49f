import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pageOf } from '../test/fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';
import { aComment, anEvidence, ownReport } from '../features/reports/submit/test-fixtures';
import { FOLLOW_UP_TOKEN_KEY } from './follow-up';

const TOKEN = 'follow-up-secret-token';
const signedOut = { 'GET /api/auth/session': { status: 200, body: { user: null } } };
const COMMENTS = 'GET /api/follow-up/comments?page=1&pageSize=50';

const linkRoutes = (report = ownReport({ anonymous: true, contactPreference: 'none' })) => ({
  ...signedOut,
  'GET /api/follow-up': { status: 200, body: { report } },
  'GET /api/follow-up/evidence': { status: 200, body: { items: [anEvidence()] } },
});

/** Every request the page made, with the token header it carried. */
const sentHeaders = () =>
  vi.mocked(fetch).mock.calls.map(([url, init]) => ({
    url: String(url),
    token: (init?.headers as Record<string, string> | undefined)?.['x-follow-up-token'],
  }));

describe('the follow-up page', { timeout: 20_000 }, () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/follow-up');
    window.sessionStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('reads the token from the link, drops it from the address, and shows the report', async () => {
    let comments = [
      aComment(),
      aComment({
        id: 'c-2',
        writer: null,
        byReporter: true,
        body: 'It happened again.',
        bodyHtml: '<p>It happened again.</p>',
        createdAt: '2026-06-03T22:00:00.000Z',
      }),
    ];
    const calls = fakeApi({
      ...linkRoutes(
        ownReport({
          anonymous: true,
          state: 'investigating',
          contactPreference: 'none',
          history: [
            { at: '2026-06-03T21:00:00.000Z', toState: 'submitted' },
            { at: '2026-06-03T21:30:00.000Z', toState: 'acknowledged' },
            { at: '2026-06-04T09:00:00.000Z', toState: 'investigating' },
          ],
        }),
      ),
      [COMMENTS]: () => ({ status: 200, body: pageOf(comments) }),
      'POST /api/follow-up/comments': (body) => {
        const reply = aComment({
          id: 'c-3',
          writer: null,
          byReporter: true,
          body: (body as { body: string }).body,
          bodyHtml: '<p>Thanks, I am at the stand.</p>',
          createdAt: '2026-06-04T10:00:00.000Z',
        });
        comments = [...comments, reply];
        return { status: 201, body: { comment: reply } };
      },
    });
    window.location.hash = `#token=${TOKEN}`;
    const user = userEvent.setup();
    renderAt(`/follow-up#token=${TOKEN}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Unwanted touching at the party' }),
    ).toBeTruthy();
    // Out of the address (and the title), kept in this tab for a reload.
    expect(window.location.hash).toBe('');
    expect(window.sessionStorage.getItem(FOLLOW_UP_TOKEN_KEY)).toBe(TOKEN);
    expect(document.title).toBe('Your report · Steward');

    const main = screen.getByRole('main');
    expect(main.textContent).toContain('Report #4 at RustFest Berlin');
    expect(main.textContent).toContain('Now: Being looked into');
    const steps = within(main).getByRole('list', { name: 'Progress' });
    expect(within(steps).getAllByRole('listitem')).toHaveLength(5);
    expect(steps.querySelector('[aria-current="step"]')!.textContent).toContain(
      'Being looked into',
    );
    const reported = within(main).getByRole('region', { name: 'What you reported' });
    expect(reported.textContent).toContain('Someone kept touching my arm.');
    expect(reported.textContent).toContain('Harassment');
    expect(reported.textContent).toContain('(Europe/Berlin)');
    expect(reported.textContent).toContain('Main hall');

    const messages = within(main).getByRole('region', { name: 'Messages with the team' });
    const list = await within(messages).findByRole('list', { name: 'Messages' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('Lea'), expect.stringContaining('It happened again.')]);
    expect(within(list).getAllByRole('listitem')[1]!.textContent).toMatch(/^You/);

    const files = within(main).getByRole('region', { name: 'Files' });
    expect(await within(files).findByText('photo.jpg')).toBeTruthy();
    expect(files.textContent).toContain('2 KB');

    await user.type(within(messages).getByRole('textbox', { name: /Your reply/ }), 'Thanks');
    await user.click(within(messages).getByRole('button', { name: 'Send reply' }));
    expect(await within(messages).findByText('Your reply was sent to the team.')).toBeTruthy();
    expect(await within(messages).findByText('Thanks, I am at the stand.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/follow-up/comments')!.body).toEqual({
      body: 'Thanks',
    });
    expect(
      (within(messages).getByRole('textbox', { name: /Your reply/ }) as HTMLTextAreaElement).value,
    ).toBe('');

    // The token only ever travels in the header: never in an address.
    const sent = sentHeaders().filter((r) => r.url.startsWith('/api/follow-up'));
    expect(sent.length).toBeGreaterThan(3);
    expect(sent.every((r) => r.token === TOKEN && !r.url.includes(TOKEN))).toBe(true);
  });

  it('shows a title and a body that look like HTML as text', async () => {
    fakeApi({
      ...linkRoutes(
        ownReport({
          title: '<img src=x onerror="alert(1)">Help',
          location: '<b>Hall</b>',
          parties: '<script>alert(2)</script>',
          // The server's own rendering escapes what was typed.
          descriptionHtml: '<p>&lt;script&gt;alert(3)&lt;/script&gt;</p>',
        }),
      ),
      [COMMENTS]: { status: 200, body: pageOf([]) },
    });
    window.sessionStorage.setItem(FOLLOW_UP_TOKEN_KEY, TOKEN);
    renderAt('/follow-up');
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: '<img src=x onerror="alert(1)">Help',
      }),
    ).toBeTruthy();
    const main = screen.getByRole('main');
    expect(main.querySelector('img')).toBeNull();
    expect(main.querySelector('script')).toBeNull();
    expect(main.querySelector('b')).toBeNull();
    expect(main.textContent).toContain('<b>Hall</b>');
    expect(main.textContent).toContain('<script>alert(2)</script>');
    expect(main.textContent).toContain('<script>alert(3)</script>');
    expect(await screen.findByText(/No messages yet/)).toBeTruthy();
  });

  it('uploads files through the link and lists them', async () => {
    let evidence = [anEvidence()];
    const calls = fakeApi({
      ...linkRoutes(),
      'GET /api/follow-up/evidence': () => ({ status: 200, body: { items: evidence } }),
      [COMMENTS]: { status: 200, body: pageOf([]) },
      'POST /api/follow-up/evidence?name=note.txt': () => {
        evidence = [...evidence, anEvidence({ id: 'e-2', fileName: 'note.txt', size: 5 })];
        return { status: 201, body: { evidence: evidence[1] } };
      },
      'POST /api/follow-up/evidence?name=big.mp4': {
        status: 413,
        body: apiError('payload_too_large', 'A file may be at most 20 MB.'),
      },
    });
    window.sessionStorage.setItem(FOLLOW_UP_TOKEN_KEY, TOKEN);
    const user = userEvent.setup();
    renderAt('/follow-up');
    const files = await screen.findByRole('region', { name: 'Files' });
    await within(files).findByText('photo.jpg');
    await user.upload(files.querySelector<HTMLInputElement>('input[name="evidence"]')!, [
      new File(['hello'], 'note.txt', { type: 'text/plain' }),
      new File(['x'], 'big.mp4', { type: 'video/mp4' }),
    ]);
    await user.click(within(files).getByRole('button', { name: 'Upload 2 files' }));
    await waitFor(() =>
      expect(
        within(within(files).getByRole('list', { name: 'Files of this report' })).getAllByRole(
          'listitem',
        ),
      ).toHaveLength(2),
    );
    const left = within(files).getByRole('list', { name: 'Chosen files' });
    expect(within(left).getAllByRole('listitem')).toHaveLength(1);
    expect(left.textContent).toContain('big.mp4');
    expect(left.textContent).toContain('Not uploaded: A file may be at most 20 MB.');
    expect(within(files).getByRole('button', { name: 'Upload 1 file' })).toBeTruthy();
    const upload = calls.find((c) => c.key === 'POST /api/follow-up/evidence?name=note.txt')!;
    expect(upload.contentType).toBe('text/plain');
    expect(sentHeaders().every((r) => !r.url.includes(TOKEN))).toBe(true);
  });

  it('says calmly that a link opens no report, and forgets it', async () => {
    fakeApi({
      ...signedOut,
      'GET /api/follow-up': { status: 404, body: apiError('not_found', 'Not found.') },
    });
    window.location.hash = '#token=not-a-real-token';
    renderAt('/follow-up#token=not-a-real-token');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This link does not open a report' }),
    ).toBeTruthy();
    expect(screen.getByText(/copied the whole link/)).toBeTruthy();
    await waitFor(() => expect(window.sessionStorage.getItem(FOLLOW_UP_TOKEN_KEY)).toBeNull());
    expect(window.location.hash).toBe('');
  });

  it('says the same without any token, asking the server nothing', async () => {
    fakeApi({ ...signedOut });
    renderAt('/follow-up');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This link does not open a report' }),
    ).toBeTruthy();
    expect(sentHeaders().some((r) => r.url.startsWith('/api/follow-up'))).toBe(false);
  });
});
