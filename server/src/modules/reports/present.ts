import { decide, type Action, type ActorFacts } from '@steward/permissions';
import { renderMarkdown } from '../../markdown.js';
import { seesAsTeam, type LoadedReport } from './access.js';
import type { LoadedPage } from './page.js';
import { movesFrom, type ReportState } from './states.js';

// A report as each caller may have it. The team's view and the author's own are different
// shapes, and the reporter's identity is added only for those the engine lets see it: the
// fields are absent for everyone else, not blanked (issue 7, "Visibility").

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function commonFields({ row }: LoadedReport) {
  const r = row.report;
  return {
    id: r.id,
    number: r.number,
    event: {
      id: row.event.id,
      name: row.event.name,
      slug: row.event.slug,
      timeZone: row.event.timeZone,
    },
    title: r.title,
    description: r.description,
    descriptionHtml: renderMarkdown(r.description),
    type: r.type,
    incidentAt: iso(r.incidentAt),
    location: r.location,
    parties: r.parties,
    state: r.state as ReportState,
    anonymous: r.anonymous,
    resolution: r.resolution,
    submittedAt: r.submittedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The report as its author sees it (also the anonymous follow-up link): no triage. */
export function presentOwnView(actor: ActorFacts, loaded: LoadedPage, now = new Date()) {
  const may = (action: Action) => decide(actor, action, loaded.resource, now).allowed;
  const states = loaded.page.history.filter((h) => h.kind === 'submitted' || h.kind === 'state');
  return {
    view: 'own' as const,
    ...commonFields(loaded),
    // The team's own work (internal notes, severity, assignments) must not show as a change.
    updatedAt: (states.at(-1)?.at ?? loaded.row.report.submittedAt).toISOString(),
    contactPreference: loaded.row.report.contactPreference as
      'email' | 'phone' | 'in_person' | 'none',
    contactDetails: loaded.row.report.contactDetails,
    history: states.map((h) => ({
      at: h.at.toISOString(),
      toState: (h.toState ?? 'submitted') as ReportState,
    })),
    can: {
      updateDescription: may('report.update.description'),
      updateContact: may('report.update.contact'),
      updateDetails: may('report.update.details'),
      commentExternal: may('report.comment.external.create'),
      uploadEvidence: may('report.evidence.upload'),
    },
  };
}

/** The report in the view the caller may have: the team's (with or without the reporter) or own. */
export function presentReport(actor: ActorFacts, loaded: LoadedPage, now = new Date()) {
  const may = (action: Action) => decide(actor, action, loaded.resource, now).allowed;
  const r = loaded.row.report;
  if (!seesAsTeam(actor, loaded.resource, now)) return presentOwnView(actor, loaded, now);
  const seesReporter = may('report.reporter.view');
  const { history, assignees, author } = loaded.page;
  const changeState = may('report.state.change');
  const team = {
    view: 'team' as const,
    ...commonFields(loaded),
    severity: r.severity as 'low' | 'medium' | 'high' | 'critical' | null,
    followUp: r.followUp,
    assignees,
    history: history.map((h) => {
      const detail = (h.detail ?? {}) as { from?: string | null; to?: string | null };
      return {
        id: h.id,
        kind: h.kind as 'submitted' | 'state' | 'assigned' | 'unassigned' | 'severity' | 'deleted',
        at: h.at.toISOString(),
        actor: h.actorId && h.actorName ? { id: h.actorId, name: h.actorName } : null,
        fromState: h.fromState as ReportState | null,
        toState: h.toState as ReportState | null,
        note: h.note,
        person: h.subjectId && h.subjectName ? { id: h.subjectId, name: h.subjectName } : null,
        fromSeverity: h.kind === 'severity' ? ((detail.from ?? null) as never) : null,
        toSeverity: h.kind === 'severity' ? ((detail.to ?? null) as never) : null,
      };
    }),
    transitions: changeState ? movesFrom(r.state as ReportState) : [],
    can: {
      updateDescription: may('report.update.description'),
      updateDetails: may('report.update.details'),
      updateSeverity: may('report.update.severity'),
      changeState,
      assign: may('report.assign'),
      commentExternal: may('report.comment.external.create'),
      commentInternal: may('report.comment.internal.create'),
      uploadEvidence: may('report.evidence.upload'),
      delete: may('report.delete'),
      viewAccessLog: may('report.access_log.view'),
    },
  };
  if (!seesReporter) return team;
  return {
    ...team,
    reporter: author,
    contactPreference: r.contactPreference as 'email' | 'phone' | 'in_person' | 'none',
    contactDetails: r.contactDetails,
  };
}
