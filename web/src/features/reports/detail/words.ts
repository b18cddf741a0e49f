import type { ContactPreference, PersonRef } from '../../../api/report-types';

// Words of the report page that more than one of its parts uses.

const contactLabels: Record<ContactPreference, string> = {
  email: 'Email',
  phone: 'Phone',
  in_person: 'In person',
  none: 'No contact',
};

export const contactLabel = (preference: ContactPreference) => contactLabels[preference];

/** A report type as a person reads it: the event's own words, with a capital first letter. */
export const typeLabel = (type: string) =>
  type ? type.charAt(0).toUpperCase() + type.slice(1).replaceAll('_', ' ') : 'Not given';

/**
 * Who did something: a person's name, or (no account behind it) the anonymous reporter or a
 * deleted account.
 */
export function personName(person: PersonRef | null, byReporter = false): string {
  if (person) return person.name;
  return byReporter ? 'The anonymous reporter' : 'A deleted account';
}

/** A file's size in words: "820 bytes", "14 KB", "3.2 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
