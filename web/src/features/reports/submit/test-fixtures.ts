import type { Comment, Evidence, OwnReport, SubmittedReport } from '../../../api/report-types';

// Reports as the API answers their author (or the follow-up link), for the tests of these pages.

export const ownReport = (over: Partial<OwnReport> = {}): OwnReport => ({
  view: 'own',
  id: 'r-1',
  number: 4,
  event: {
    id: 'ev-1',
    name: 'RustFest Berlin',
    slug: 'rustfest-berlin',
    timeZone: 'Europe/Berlin',
  },
  title: 'Unwanted touching at the party',
  description: 'Someone kept touching my arm.',
  descriptionHtml: '<p>Someone kept touching my arm.</p>',
  type: 'harassment',
  incidentAt: '2026-06-03T20:30:00+02:00',
  location: 'Main hall',
  parties: 'A man in a red shirt',
  state: 'submitted',
  anonymous: false,
  resolution: '',
  submittedAt: '2026-06-03T21:00:00.000Z',
  updatedAt: '2026-06-03T21:00:00.000Z',
  contactPreference: 'email',
  contactDetails: '',
  history: [{ at: '2026-06-03T21:00:00.000Z', toState: 'submitted' }],
  can: {
    updateDescription: true,
    updateContact: true,
    updateDetails: true,
    commentExternal: true,
    uploadEvidence: true,
  },
  ...over,
});

export const submitted = (
  over: Partial<OwnReport> = {},
  followUpToken: string | null = null,
): SubmittedReport => ({ report: ownReport(over), followUpToken, replayed: false });

export const aComment = (over: Partial<Comment> = {}): Comment => ({
  id: 'c-1',
  reportId: 'r-1',
  visibility: 'external',
  body: 'Thank you for telling us.',
  bodyHtml: '<p>Thank you for telling us.</p>',
  writer: { id: 'u-lea', name: 'Lea' },
  byReporter: false,
  createdAt: '2026-06-03T21:10:00.000Z',
  editedAt: null,
  shared: null,
  deleted: false,
  can: { edit: false, delete: false, share: false, viewRevisions: false },
  ...over,
});

export const anEvidence = (over: Partial<Evidence> = {}): Evidence => ({
  id: 'e-1',
  fileName: 'photo.jpg',
  contentType: 'image/jpeg',
  size: 2048,
  uploadedBy: null,
  byReporter: true,
  createdAt: '2026-06-03T21:05:00.000Z',
  downloadUrl: null,
  can: { delete: false },
  ...over,
});
