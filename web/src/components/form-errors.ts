import { ApiError } from '../api/client';

/**
 * How a form shows a failed request: the server's field errors next to their fields, and an
 * alert for everything else (including a field error about a field the form does not show).
 */
export function formErrors(error: unknown, fields: readonly string[]) {
  const apiError = error instanceof ApiError ? error : null;
  const known = (field: string | undefined) =>
    field !== undefined && fields.some((f) => field === f || field === `body.${f}`);
  const allAtFields =
    apiError !== null &&
    apiError.details.length > 0 &&
    apiError.details.every((d) => known(d.field));
  return {
    fieldError: (field: string) => apiError?.fieldError(field),
    showAlert: Boolean(error) && !allAtFields,
  };
}
