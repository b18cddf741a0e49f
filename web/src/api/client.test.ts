import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, upload } from './client';

afterEach(() => vi.unstubAllGlobals());

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () => new Response(body === null ? null : JSON.stringify(body), { status, headers }),
    ),
  );

describe('api client', () => {
  it('returns the JSON body of a success', async () => {
    respond(200, { needed: true });
    await expect(api('/api/setup')).resolves.toEqual({ needed: true });
  });

  it('sends JSON with the session cookie', async () => {
    respond(200, { ok: true });
    await api('/api/x', { method: 'POST', body: { a: 1 } });
    const [, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"a":1}' });
    expect((init!.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('uploads a file as the body itself, with its type, and reads errors the same way', async () => {
    respond(415, { error: { code: 'unsupported_media_type', message: 'Use a PNG.' } });
    const file = new File(['x'], 'me.gif', { type: 'image/gif' });
    await expect(upload('/api/account/avatar', file)).rejects.toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
      message: 'Use a PNG.',
    });
    const [, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(init).toMatchObject({ method: 'PUT', credentials: 'same-origin', body: file });
    expect((init!.headers as Record<string, string>)['content-type']).toBe('image/gif');
  });

  it('turns the error body into an ApiError with code, details and request id', async () => {
    respond(400, {
      error: {
        code: 'validation_failed',
        message: 'Please check: body.email.',
        details: [{ field: 'body.email', message: 'Enter a valid email address' }],
        requestId: 'abc',
      },
    });
    const error = await api('/api/setup', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError).toMatchObject({ status: 400, code: 'validation_failed', requestId: 'abc' });
    expect(apiError.fieldError('email')).toBe('Enter a valid email address');
    expect(apiError.fieldError('name')).toBeUndefined();
  });

  it('keeps the request id of a response that is not Steward JSON', async () => {
    respond(502, null, { 'x-request-id': 'from-header' });
    await expect(api('/api/setup')).rejects.toMatchObject({
      code: 'unknown_error',
      status: 502,
      requestId: 'from-header',
    });
  });

  it('reports a network failure clearly', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(api('/api/setup')).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });

  it('returns nothing for 204', async () => {
    respond(204, null);
    await expect(api('/api/auth/sign-out', { method: 'POST' })).resolves.toBeUndefined();
  });
});
