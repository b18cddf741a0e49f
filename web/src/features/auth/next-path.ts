import { useSearchParams } from 'react-router';

/**
 * A path of this app to go to afterwards (`?next=/invitations`), or null. Only a path that
 * starts with one "/" is taken: "//evil.example" and "/\evil.example" are other sites to a
 * browser, and a full URL is one too, so none of them can turn sign-in into an open redirect.
 * Control characters are refused as well, since browsers drop tabs and newlines from addresses.
 */
export function safeNextPath(raw: string | null | undefined): string | null {
  if (!raw || raw[0] !== '/' || raw[1] === '/') return null;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  return raw;
}

/** The safe `?next=` of the current address, or null. */
export function useNextPath(): string | null {
  const [params] = useSearchParams();
  return safeNextPath(params.get('next'));
}

/** A link to a page that brings the person back to `next` afterwards: `/sign-in?next=…`. */
export function withNext(path: string, next: string | null): string {
  return next ? `${path}?${new URLSearchParams({ next }).toString()}` : path;
}
