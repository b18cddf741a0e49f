// A role's end as a native datetime-local input holds it: the reader's own local time, without a
// time zone ("2026-06-01T18:00"). The API speaks ISO instants.

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a datetime-local value in the reader's time zone ("" for none). */
export function toLocalInput(iso: string | null | Date): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}`
  );
}

/** A datetime-local value as an ISO instant; null when empty or unreadable. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A datetime-local value `days` from now (a default, or a limit of the input). */
export function localInputIn(days: number, now = new Date()): string {
  return toLocalInput(new Date(now.getTime() + days * 24 * 60 * 60 * 1000));
}
