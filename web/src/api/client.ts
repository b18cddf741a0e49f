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
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Steward could not be reached. Check your connection and try again.',
    );
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as ErrorBody | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'unknown_error',
      error?.message ?? `The server answered ${response.status}.`,
      error?.details ?? [],
      error?.requestId ?? response.headers.get('x-request-id'),
    );
  }
  return body as T;
}
