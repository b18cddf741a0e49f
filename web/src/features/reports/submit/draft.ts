import type { ContactPreference } from '../../../api/report-types';

/**
 * What someone has written of a report, kept on this device (localStorage, one per event) as they
 * type, so a closed tab or a dead battery loses nothing. Files are never kept. The idempotency key
 * is made once per draft and kept with it: every retry of this draft is the same submission.
 */
export interface ReportDraft {
  idempotencyKey: string;
  title: string;
  description: string;
  type: string;
  /** The datetime-local value on the event's clock; null until the person changes it (now). */
  incidentAt: string | null;
  location: string;
  parties: string;
  contactPreference: ContactPreference | null;
  contactDetails: string;
  anonymous: boolean;
  /** When it was last kept (ISO). */
  savedAt: string;
}

const keyFor = (slug: string) => `steward.report-draft.${slug}`;

/** A new, empty draft with its own idempotency key. */
export function emptyDraft(): ReportDraft {
  return {
    idempotencyKey: crypto.randomUUID(),
    title: '',
    description: '',
    type: '',
    incidentAt: null,
    location: '',
    parties: '',
    contactPreference: null,
    contactDetails: '',
    anonymous: false,
    savedAt: new Date().toISOString(),
  };
}

/** Whether the person has written anything worth keeping (or telling them about). */
export function hasContent(d: ReportDraft): boolean {
  return [d.title, d.description, d.location, d.parties, d.contactDetails].some(
    (text) => text.trim().length > 0,
  );
}

/** The draft kept for an event, if any (and readable). */
export function loadDraft(slug: string): ReportDraft | null {
  try {
    const raw = window.localStorage.getItem(keyFor(slug));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<ReportDraft>;
    if (typeof parsed.idempotencyKey !== 'string' || !parsed.idempotencyKey) return null;
    const base = emptyDraft();
    const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
    return {
      idempotencyKey: parsed.idempotencyKey,
      title: text(parsed.title, ''),
      description: text(parsed.description, ''),
      type: text(parsed.type, ''),
      incidentAt: typeof parsed.incidentAt === 'string' ? parsed.incidentAt : null,
      location: text(parsed.location, ''),
      parties: text(parsed.parties, ''),
      contactPreference: (parsed.contactPreference ?? null) as ContactPreference | null,
      contactDetails: text(parsed.contactDetails, ''),
      anonymous: parsed.anonymous === true,
      savedAt: text(parsed.savedAt, base.savedAt),
    };
  } catch {
    return null;
  }
}

/** Keeps the draft (or removes it once there is nothing in it). */
export function saveDraft(slug: string, draft: ReportDraft) {
  try {
    if (hasContent(draft)) window.localStorage.setItem(keyFor(slug), JSON.stringify(draft));
    else window.localStorage.removeItem(keyFor(slug));
  } catch {
    // Storage refused (private mode, full): the form still works, only nothing is kept.
  }
}

/** Forgets the draft: sent, or the person started over. */
export function clearDraft(slug: string) {
  try {
    window.localStorage.removeItem(keyFor(slug));
  } catch {
    // Nothing was kept.
  }
}
