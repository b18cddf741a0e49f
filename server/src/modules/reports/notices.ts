import type { Executor } from '../../db/connection.js';
import { allowedRecipients, notify, type Notice } from '../notifications/service.js';
import type { LoadedReport } from './access.js';
import type { ReportState } from './states.js';

// Who hears about what happens to a report (SPEC §10), each checked by the engine as it is sent.
// Email is not a safe channel: what an email may carry is the event's choice (emailDetail):
// nothing of the report, its title (the default), or its details.

const stateWords: Record<ReportState, string> = {
  submitted: 'submitted',
  acknowledged: 'acknowledged',
  investigating: 'being investigated',
  resolved: 'resolved',
  closed: 'closed',
};

function named(report: LoadedReport) {
  const r = report.row.report;
  const detail = report.row.event.emailDetail as 'none' | 'title' | 'full';
  return {
    ref: `report #${r.number} in ${report.row.event.name}`,
    // The app's own list shows the title; an email only where the event allows it.
    inApp: `#${r.number} ${r.title}`,
    emailTitle: detail === 'none' ? null : r.title,
    details:
      detail === 'full'
        ? [
            `Type: ${r.type}`,
            ...(r.severity ? [`Severity: ${r.severity}`] : []),
            `What happened: ${r.description.length > 600 ? `${r.description.slice(0, 600)}…` : r.description}`,
          ].join('\n')
        : null,
  };
}

/**
 * A notice about a report: `what` happened ("New report"). The app's list names the report by
 * number and title; an email's subject by number and event only, its body adds the title where
 * the event allows. The author is not told who on the team acted (their view names nobody).
 */
function notice(
  report: LoadedReport,
  kind: Notice['kind'],
  actorId: string | null,
  what: string,
  paragraphs: (string | null)[],
): Notice {
  const n = named(report);
  const r = report.row.report;
  return {
    kind,
    actorId,
    showActor: kind === 'report.new' || kind === 'report.assigned',
    eventId: report.row.event.id,
    target: { type: 'report', id: r.id },
    title: `${what}: ${n.inApp}`,
    link: `/reports/${r.id}`,
    email: {
      // Never the title in a subject: subjects are kept (and listed to system admins) after the
      // body is emptied; the title, where allowed, is in the body.
      subject: `${what}: #${r.number} in ${report.row.event.name}`,
      paragraphs: paragraphs.filter((p): p is string => p !== null),
      actionLabel: 'Open the report',
    },
  };
}

/** A new report: the event's response team, as far as the engine lets each of them see it. */
export async function reportSubmitted(
  tx: Executor,
  report: LoadedReport,
  teamCandidates: readonly string[],
  actorId: string | null,
  publicUrl: string,
) {
  const n = named(report);
  const to = await allowedRecipients(tx, teamCandidates, 'report.view', report.resource);
  await notify(
    tx,
    to,
    notice(report, 'report.new', actorId, 'New report', [
      `A new report was submitted in ${report.row.event.name}: ${n.ref}.`,
      n.emailTitle ? `Title: ${n.emailTitle}` : null,
      n.details,
    ]),
    publicUrl,
  );
}

export async function reportAssigned(
  tx: Executor,
  report: LoadedReport,
  assigneeId: string,
  actorId: string,
  publicUrl: string,
) {
  const n = named(report);
  const to = await allowedRecipients(tx, [assigneeId], 'report.view', report.resource);
  await notify(
    tx,
    to,
    notice(report, 'report.assigned', actorId, 'Assigned to you', [
      `You were assigned to ${n.ref}.`,
      n.emailTitle ? `Title: ${n.emailTitle}` : null,
      n.details,
    ]),
    publicUrl,
  );
}

/** The author and the assignees: people who follow the report. */
const followers = (report: LoadedReport) => [report.row.report.authorId, ...report.row.assigneeIds];

export async function reportStateChanged(
  tx: Executor,
  report: LoadedReport,
  to: ReportState,
  actorId: string,
  publicUrl: string,
) {
  const n = named(report);
  const people = await allowedRecipients(tx, followers(report), 'report.view', report.resource);
  await notify(
    tx,
    people,
    notice(report, 'report.state', actorId, `Now ${stateWords[to]}`, [
      `${n.ref[0]!.toUpperCase()}${n.ref.slice(1)} is ${stateWords[to]} now.`,
      n.emailTitle ? `Title: ${n.emailTitle}` : null,
    ]),
    publicUrl,
  );
}

/** A reply the author can read (an external comment, or an internal one shared with them). */
export async function reportReplied(
  tx: Executor,
  report: LoadedReport,
  actorId: string | null,
  publicUrl: string,
) {
  const n = named(report);
  const people = await allowedRecipients(tx, followers(report), 'report.view', report.resource);
  await notify(
    tx,
    people,
    notice(report, 'report.comment', actorId, 'New reply', [
      `There is a new reply on ${n.ref}.`,
      n.emailTitle ? `Title: ${n.emailTitle}` : null,
    ]),
    publicUrl,
  );
}
