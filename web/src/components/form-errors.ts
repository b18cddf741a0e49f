import { ApiError } from '../api/client';

/**
 * How a form shows a failed request: the server's field errors next to their fields, and an
 * alert for everything else (including a field error about a field the form does not show).
 * `codeFields` names the field an error code is about when the server sends no details for it
 * (`{ slug_taken: 'slug' }`: the message shows at the slug).
 */
export function formErrors(
  error: unknown,
  fields: readonly string[],
  codeFields: Record<string, string> = {},
) {
  const apiError = error instanceof ApiError ? error : null;
  const known = (field: string | undefined) =>
    field !== undefined && fields.some((f) => field === f || field === `body.${f}`);
  const codeField =
    apiError && apiError.details.length === 0 ? codeFields[apiError.code] : undefined;
  const allAtFields =
    apiError !== null &&
    (codeField !== undefined ||
      (apiError.details.length > 0 && apiError.details.every((d) => known(d.field))));
  return {
    fieldError: (field: string) =>
      apiError?.fieldError(field) ?? (field === codeField ? apiError?.message : undefined),
    showAlert: Boolean(error) && !allAtFields,
  };
}
