import { isActive } from '@steward/permissions';
import type { RequestActor } from '../../authz/actor.js';
import { loadActorFacts } from '../../authz/facts.js';
import { recordAudit, recordDenial } from '../../audit/record.js';
import type { Database, Executor } from '../../db/connection.js';
import { AppError, DeniedError } from '../../errors.js';
import type { LinkContext, ServiceContext } from '../../context.js';
import { myRoleIn } from '../events/present.js';
import { loadReport, lockedReport } from './access.js';
import { reportAssigned, reportStateChanged } from './notices.js';
import * as repo from './repository.js';
import { checkMove, type ReportState } from './states.js';

// The response workflow (SPEC §9): state changes and assignments. A single change and each item
// of a bulk change go through the same functions, so the rules, the history and the audit are
// the same whichever way a report is moved.

export type WorkflowStep =
  | { kind: 'state'; to: ReportState; note?: string | undefined }
  | { kind: 'assign'; userId: string }
  | { kind: 'unassign'; userId: string };

export type ActingContext = ServiceContext & { actor: { userId: string } };
type WorkflowContext = ActingContext & LinkContext;

const scopeOf = (eventId: string) => ({ type: 'event' as const, id: eventId });

/**
 * Applies one workflow step to one report, in the caller's transaction: locks the report,
 * decides with what is read under the lock, checks the state machine, writes history and audit.
 * With `eventId`, a report of another event answers 404.
 */
export async function applyStep(
  tx: Executor,
  ctx: WorkflowContext,
  actor: RequestActor,
  reportId: string,
  step: WorkflowStep,
  eventId?: string,
) {
  const action = step.kind === 'state' ? 'report.state.change' : 'report.assign';
  const loaded = await lockedReport(tx, actor, reportId, [action], eventId);
  const report = loaded.row.report;
  const target = { type: 'report', id: report.id };
  const scope = scopeOf(loaded.row.event.id);
  switch (step.kind) {
    case 'state': {
      const from = report.state as ReportState;
      const note = step.note?.trim() || null;
      checkMove(from, step.to, { note, assignees: loaded.row.assigneeIds.length });
      await repo.updateReport(tx, report.id, { state: step.to });
      await repo.insertHistory(tx, {
        reportId: report.id,
        actorId: ctx.actor.userId,
        kind: 'state',
        fromState: from,
        toState: step.to,
        note,
      });
      await recordAudit(tx, ctx, {
        scope,
        action: 'report.state.change',
        target,
        before: { state: from },
        // The note is the team's words about the report: kept in its history, not copied here.
        after: { state: step.to, note: note ? 'given' : null },
      });
      await reportStateChanged(tx, loaded, step.to, ctx.actor.userId, ctx.publicUrl);
      return;
    }
    case 'assign': {
      const person = await loadActorFacts(tx, step.userId);
      // Anyone with a role in the event may be assigned, a reporter too (SPEC §2): they get
      // responder-level access to this one report.
      // Leaders count only where the organization lets them see incidents (as for access).
      const now = Date.now();
      const event = loaded.resource.event;
      const explicit = person.assignments.some(
        (a) => isActive(a, now) && a.scopeType === 'event' && a.scopeId === event.id,
      );
      // An RSVP ties its owner to the event as a reporter, whatever the leaders may see.
      const attends = !!person.attending?.includes(event.id);
      const counts =
        explicit ||
        attends ||
        (event.organization.settings.leadersSeeIncidents && myRoleIn(person, event, now) !== null);
      if (!counts) {
        throw new AppError('validation_failed', 'Only people of this event can be assigned.', [
          { field: 'body.userId', message: 'Choose someone who holds a role in this event' },
        ]);
      }
      if (!(await repo.addAssignee(tx, report.id, step.userId, ctx.actor.userId))) return;
      await assignmentWritten(tx, ctx, report.id, scope, 'assigned', step.userId);
      // Told with the report as it is now: the new assignee among those who may see it.
      const assigned = (await loadReport(tx, report.id))!;
      await reportAssigned(tx, assigned, step.userId, ctx.actor.userId, ctx.publicUrl);
      return;
    }
    case 'unassign': {
      if (!(await repo.removeAssignee(tx, report.id, step.userId))) return;
      await assignmentWritten(tx, ctx, report.id, scope, 'unassigned', step.userId);
      return;
    }
  }
}

async function assignmentWritten(
  tx: Executor,
  ctx: ActingContext,
  reportId: string,
  scope: { type: 'event'; id: string },
  kind: 'assigned' | 'unassigned',
  userId: string,
) {
  await repo.updateReport(tx, reportId, {});
  await repo.insertHistory(tx, {
    reportId,
    actorId: ctx.actor.userId,
    kind,
    detail: { userId },
  });
  await recordAudit(tx, ctx, {
    scope,
    action: kind === 'assigned' ? 'report.assign' : 'report.unassign',
    target: { type: 'report', id: reportId },
    after: { userId },
  });
}

export interface BulkResult {
  id: string;
  ok: boolean;
  error: { code: string; message: string } | null;
}

/**
 * The same step on several reports of one event, each in its own transaction: one that may not
 * be changed, or is in the wrong state, fails alone with the error a single change would give.
 */
export async function applyBulk(
  db: Database,
  ctx: WorkflowContext,
  actor: RequestActor,
  eventId: string,
  reportIds: readonly string[],
  step: WorkflowStep,
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of new Set(reportIds)) {
    try {
      await db.transaction((tx) => applyStep(tx, ctx, actor, id, step, eventId));
      results.push({ id, ok: true, error: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error instanceof DeniedError) await recordDenial(db, ctx.origin, error);
      results.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return results;
}
