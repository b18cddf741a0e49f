import type { ReportListItem, ReportState } from '../../../api/report-types';

// Report rows as the lists of reports answer them, for the tests of the queue and dashboards.

export const aListedReport = (over: Partial<ReportListItem> = {}): ReportListItem => ({
  id: 'rep-1',
  number: 1,
  event: { id: 'ev-1', name: 'RustFest Berlin', slug: 'rustfest-berlin' },
  title: 'Comments at the after-party',
  type: 'harassment',
  state: 'submitted',
  severity: null,
  anonymous: false,
  followUp: false,
  assignees: [],
  submittedAt: '2026-06-03T18:30:00.000Z',
  updatedAt: '2026-06-03T18:30:00.000Z',
  commentCount: 0,
  ...over,
});

export const stateCounts = (over: Partial<Record<ReportState, number>> = {}) => ({
  submitted: 0,
  acknowledged: 0,
  investigating: 0,
  resolved: 0,
  closed: 0,
  ...over,
});
