/**
 * Whether a database error is a unique violation (of `constraint`, when named). Drizzle wraps
 * the driver's error; PGlite and pg both carry PostgreSQL's SQLSTATE in `code`.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return constraint === undefined || name === constraint;
  }
  return false;
}

// How node reports a connection that could not be made or was lost.
const lostConnectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

// SQLSTATEs of a server that is going away or cannot take a connection now: admin or crash
// shutdown (57P01, 57P02), still starting (57P03), too many connections (53300). Class 08 is
// every connection exception.
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);

// What pg and pg-pool say, without a code, when a connection ends under them or never comes.
const lostConnectionMessages = [
  // Also 'Connection terminated due to connection timeout'.
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  // A handle closed under a request (the process is shutting down): PGlite's, or pg's pool.
  /^PGlite is closed/,
  /^Cannot use a pool after calling end on the pool/,
];

/**
 * Whether an error means the database cannot be reached right now (down, restarting, out of
 * connections), as opposed to a query that failed. Such a request may succeed if tried again
 * shortly, so it deserves a 503, not a 500. Drizzle and better-auth wrap the driver's error in
 * `cause`, so the whole chain is searched.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if (seen.has(e)) return false;
    seen.add(e);
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (lostConnectionCodes.has(code) || unavailableStates.has(code)) return true;
      if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (typeof message === 'string' && lostConnectionMessages.some((m) => m.test(message))) {
      return true;
    }
    // A connection refused on every address of a name (localhost: ::1 and 127.0.0.1).
    const errors = (e as { errors?: unknown }).errors;
    if (e instanceof AggregateError && Array.isArray(errors) && errors.some(isDatabaseUnavailable))
      return true;
  }
  return false;
}
