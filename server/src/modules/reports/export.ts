import { stringify } from 'csv-stringify/sync';
import { decide, type ActorFacts, type EventFacts } from '@steward/permissions';
import type { Database } from '../../db/connection.js';
import type { RequestOrigin } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { recordAccess } from './access-log.js';
import { exportRows, type QueueFilters } from './lists.js';

/** The most reports one export holds; a larger one is narrowed with filters. */
export const EXPORT_LIMIT = 10_000;

const header = [
  'number',
  'submitted_at',
  'state',
  'severity',
  'type',
  'title',
  'description',
  'incident_at',
  'location',
  'parties',
  'assignees',
  'follow_up',
  'resolution',
  'anonymous',
  'reporter_name',
  'reporter_email',
  'contact_preference',
  'contact_details',
];

/**
 * A cell a spreadsheet will not run: text starting with = + - @ (or a tab or carriage return)
 * is a formula to Excel and friends, so it gets a leading apostrophe (CSV injection).
 */
const cell = (value: string | number | boolean | null) => {
  if (value === null) return '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};

/**
 * An event's reports as CSV (event admins, SPEC §4), with the queue's filters. The reporter's
 * columns are filled only for reports whose reporter the engine lets the caller see. Every
 * exported report gets an entry in its access log, and the export one in the audit log.
 */
export async function exportCsv(
  db: Database,
  actor: ActorFacts,
  event: EventFacts,
  filters: QueueFilters,
  origin: RequestOrigin,
): Promise<string> {
  return db.transaction(async (tx) => {
    const rows = await exportRows(tx, actor, event.id, filters, EXPORT_LIMIT);
    const now = new Date();
    const lines: (string | number | boolean | null)[][] = [];
    const seen = [];
    for (const { report: r, assignees, assigneeIds, reporterName, reporterEmail } of rows) {
      const resource = {
        type: 'report' as const,
        id: r.id,
        event: event,
        authorId: r.authorId,
        assigneeIds: assigneeIds ?? [],
        anonymous: r.anonymous,
      };
      const view = decide(actor, 'report.view', resource, now);
      if (!view.allowed) continue;
      const identity = decide(actor, 'report.reporter.view', resource, now).allowed;
      seen.push({
        reportId: r.id,
        userId: actor.userId,
        what: 'export' as const,
        decision: view,
        origin,
      });
      lines.push([
        r.number,
        r.submittedAt.toISOString(),
        r.state,
        r.severity,
        r.type,
        r.title,
        r.description,
        r.incidentAt ? r.incidentAt.toISOString() : null,
        r.location,
        r.parties,
        assignees,
        r.followUp,
        r.resolution,
        r.anonymous,
        identity ? reporterName : null,
        identity ? reporterEmail : null,
        identity ? r.contactPreference : null,
        identity ? r.contactDetails : null,
      ]);
    }
    await recordAccess(tx, seen);
    await recordAudit(
      tx,
      { actor: actor.userId ? { userId: actor.userId } : null, origin },
      {
        scope: { type: 'event', id: event.id },
        action: 'report.export',
        // The filters, but not the search words: they may quote a report.
        after: { reports: lines.length, filters: { ...filters, q: filters.q ? 'set' : undefined } },
      },
    );
    return stringify([header, ...lines.map((l) => l.map(cell))]);
  });
}
