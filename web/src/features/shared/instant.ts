/** An instant in the reader's own time zone and language: "3 Mar 2026, 14:05". */
export function formatInstant(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
