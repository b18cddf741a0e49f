import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';

const bea = {
  id: '2',
  name: 'Bea Quinn',
  email: 'bea@example.org',
  systemRoles: [],
  pronouns: null,
  twoFactorEnabled: false,
  image: null as string | null,
  mfaSetupRequired: false,
};

const png = () =>
  new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'me.png', { type: 'image/png' });

async function pictureSection() {
  const section = await screen.findByRole('region', { name: 'Profile picture' });
  const input = section.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  return { section, input };
}

describe('profile picture', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows initials, then uploads the file itself and shows the new picture', async () => {
    let image: string | null = null;
    const calls = fakeApi({
      'GET /api/auth/session': () => ({ status: 200, body: { user: { ...bea, image } } }),
      'PUT /api/account/avatar': () => {
        image = '/api/users/2/avatar?v=1';
        return { status: 204 };
      },
    });
    renderAt('/account');
    const { section, input } = await pictureSection();
    expect(within(section).getByText('BQ')).toBeTruthy();
    expect(within(section).getByText(/no picture yet/i)).toBeTruthy();
    expect(input.accept).toBe('image/*');
    const choose = within(section).getByRole('button', { name: 'Choose a picture' });
    expect(choose.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(section).queryByRole('button', { name: 'Remove picture' })).toBeNull();

    const file = png();
    await userEvent.setup().upload(input, file);
    expect(await within(section).findByText('Picture saved.')).toBeTruthy();
    const picture = within(section).getByRole<HTMLImageElement>('img', {
      name: 'Your profile picture',
    });
    expect(picture.getAttribute('src')).toBe('/api/users/2/avatar?v=1');
    expect(within(section).getByRole('button', { name: 'Change picture' })).toBeTruthy();
    // The header shows it too, as decoration beside the name.
    const header = screen.getByRole('banner');
    expect(header.querySelector('img')?.getAttribute('src')).toBe('/api/users/2/avatar?v=1');
    const put = calls.find((c) => c.key === 'PUT /api/account/avatar');
    expect(put?.body).toBe(file);
    expect(put?.contentType).toBe('image/png');
  });

  it.each([
    [415, 'unsupported_media_type', 'Use a PNG, JPEG, WebP or GIF picture.'],
    [413, 'payload_too_large', 'The request body is too large.'],
  ])('shows the server refusing a picture (%i) in its own words', async (status, code, message) => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: bea } },
      'PUT /api/account/avatar': { status, body: apiError(code, message) },
    });
    renderAt('/account');
    const { section, input } = await pictureSection();
    await userEvent.setup().upload(input, png());
    const alert = await within(section).findByRole('alert');
    expect(alert.textContent).toContain('Your picture was not saved');
    expect(alert.textContent).toContain(message);
    expect(within(section).getByText('BQ')).toBeTruthy();
  });

  it('refuses, without sending, what is not an image or too large to make smaller', async () => {
    const calls = fakeApi({ 'GET /api/auth/session': { status: 200, body: { user: bea } } });
    renderAt('/account');
    const { section, input } = await pictureSection();
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(input, new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect((await within(section).findByRole('alert')).textContent).toContain(
      'Use a PNG, JPEG, WebP or GIF picture.',
    );
    // happy-dom cannot decode pictures, so a large one cannot be made smaller here.
    await user.upload(
      input,
      new File([new Uint8Array(600 * 1024)], 'huge.png', { type: 'image/png' }),
    );
    await waitFor(() =>
      expect(within(section).getByRole('alert').textContent).toContain('at most 512 KB'),
    );
    expect(calls.filter((c) => c.key.startsWith('PUT'))).toHaveLength(0);
  });

  it('removes the picture, back to initials, with the keyboard still in the section', async () => {
    let image: string | null = '/api/users/2/avatar?v=1';
    const calls = fakeApi({
      'GET /api/auth/session': () => ({ status: 200, body: { user: { ...bea, image } } }),
      'DELETE /api/account/avatar': () => {
        image = null;
        return { status: 204 };
      },
    });
    renderAt('/account');
    const { section } = await pictureSection();
    expect(within(section).getByRole('img', { name: 'Your profile picture' })).toBeTruthy();
    await userEvent.setup().click(within(section).getByRole('button', { name: 'Remove picture' }));
    expect(await within(section).findByText('Picture removed.')).toBeTruthy();
    expect(within(section).queryByRole('img', { name: 'Your profile picture' })).toBeNull();
    expect(within(section).getByText('BQ')).toBeTruthy();
    expect(document.activeElement).toBe(
      within(section).getByRole('button', { name: 'Choose a picture' }),
    );
    expect(calls.filter((c) => c.key === 'DELETE /api/account/avatar')).toHaveLength(1);
  });
});
