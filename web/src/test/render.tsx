import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { Providers, routes } from '../app';

/** Renders the real app routes at a path, with a fresh query cache. */
export function renderAt(path: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>,
  );
  // The router too, for tests that move through history (back, forward), and the cache, for
  // tests of what a change asks again for.
  return Object.assign(result, { router, queryClient });
}

type Reply = { status: number; body?: unknown };

/**
 * Replaces fetch with answers by "METHOD path". Each call is recorded, so a test can check what
 * the page sent. Unknown requests fail the test loudly.
 */
export function fakeApi(routesMap: Record<string, Reply | ((body: unknown) => Reply)>) {
  const calls: { key: string; body: unknown; contentType?: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const key = `${init?.method ?? 'GET'} ${input}`;
      const sent = init?.body;
      if (typeof sent === 'string' || !sent) {
        calls.push({ key, body: sent ? JSON.parse(sent) : undefined });
      } else {
        // Anything but JSON (a file) is kept as it was sent, with the type it was sent as.
        const headers = init?.headers as Record<string, string> | undefined;
        calls.push({ key, body: sent, contentType: headers?.['content-type'] });
      }
      const handler = routesMap[key];
      if (!handler) throw new Error(`unexpected request ${key}`);
      const reply = typeof handler === 'function' ? handler(calls.at(-1)!.body) : handler;
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
        status: reply.status,
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
      });
    }),
  );
  return calls;
}

export const apiError = (
  code: string,
  message: string,
  details?: { field: string; message: string }[],
) => ({
  error: { code, message, ...(details ? { details } : {}), requestId: 'req-1' },
});

/** A style variable of the Mantine badge around a text (its colors: `--badge-bg`, `--badge-color`). */
export const badgeStyle = (text: HTMLElement, variable: string) =>
  text.closest<HTMLElement>('.mantine-Badge-root')?.style.getPropertyValue(variable);
