/**
 * Steward's one error vocabulary. Every error body is
 * `{ error: { code, message, details?, requestId } }`; the code is stable, the message is for people.
 */
export const errorCodes = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  two_factor_invalid: 401,
  forbidden: 403,
  signup_closed: 403,
  email_not_verified: 403,
  account_deactivated: 403,
  mfa_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  setup_token_invalid: 404,
  setup_already_done: 409,
  email_taken: 409,
  last_admin: 409,
  slug_taken: 409,
  invalid_state: 409,
  not_empty: 409,
  in_use: 409,
  invitation_expired: 409,
  invitation_revoked: 409,
  invitation_used: 409,
  invitation_wrong_account: 403,
  token_invalid: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `body.email`. */
  field?: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorCodes[code];
  }
}

/** What an access refusal was about, for the audit log's record of denied attempts (SPEC §10). */
export interface Denial {
  actorId: string | null;
  action: string;
  scope: { type: 'system' | 'organization' | 'chapter' | 'event' | 'region'; id: string | null };
  target: { type: string; id: string } | null;
  reason: string;
}

/** A refused access decision (404, 403 or mfa_required); the error handler audits it. */
export class DeniedError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly denial: Denial,
  ) {
    super(code, message);
    this.name = 'DeniedError';
  }
}
