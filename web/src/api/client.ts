/** One entry of an error's details: which field, and what is wrong with it. */
export interface ErrorDetail {
  field?: string;
  message: string;
}

/** Every failed API call, with the server's stable error code and the request id to quote. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one form field (`email` matches the server's `body.email`), if any. */
  fieldError(field: string): string | undefined {
    return this.details.find((d) => d.field === field || d.field === `body.${field}`)?.message;
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: ErrorDetail[]; requestId?: string };
}

/** Calls the Steward API with JSON in and out; throws ApiError for anything but success. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  return send<T>(path, init.method ?? 'GET', {
    accept: 'application/json',
    ...(init.body !== undefined
      ? { contentType: 'application/json', body: JSON.stringify(init.body) }
      : {}),
  });
}

/**
 * Sends a file as the request body itself (not a form), with its own type as the Content-Type;
 * the answer is read like api()'s.
 */
export async function upload<T>(
  path: string,
  file: Blob,
  { method = 'PUT', contentType = file.type }: { method?: string; contentType?: string } = {},
): Promise<T> {
  return send<T>(path, method, { accept: 'application/json', contentType, body: file });
}

/** How a request goes out: besides the body, the session (credentials), cache and headers. */
export interface SendOptions {
  accept: string;
  contentType?: string | undefined;
  body?: BodyInit | undefined;
  credentials?: RequestCredentials;
  cache?: RequestCache;
  headers?: Record<string, string>;
}

/** The one place requests are made; any failure becomes an ApiError. */
export async function send<T>(
  path: string,
  method: string,
  { accept, contentType, body, credentials = 'same-origin', cache, headers = {} }: SendOptions,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials,
      ...(cache ? { cache } : {}),
      headers: { accept, ...headers, ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Steward could not be reached. Check your connection and try again.',
    );
  }
  if (response.status === 204) return undefined as T;
  const parsed: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (parsed as ErrorBody | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'unknown_error',
      error?.message ?? `The server answered ${response.status}.`,
      error?.details ?? [],
      error?.requestId ?? response.headers.get('x-request-id'),
    );
  }
  return parsed as T;
}
