import type { Action, EventFacts } from '@steward/permissions';
import type { Database, Executor } from '../../db/connection.js';
import type { events } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../errors.js';
import { notify } from '../notifications/service.js';
import { scopeAssignments } from '../roles/repository.js';
import type { Transition } from './schema.js';
import type { EventRow } from './repository.js';
import * as repo from './repository.js';
import { lockedEvent, presentById, type ActingContext } from './service.js';
import type { ActorFacts } from '@steward/permissions';

interface Step {
  /** The engine's action that allows it. */
  action: Action;
  /** Whether the event is in a state this step starts from; otherwise why not. */
  from: (e: EventFacts) => string | null;
  change: (now: Date) => Partial<typeof events.$inferInsert>;
  /** The audit log's name for it. */
  audit: string;
}

const statusWords = {
  draft: 'a draft',
  pending_approval: 'waiting for approval',
  active: 'active',
  archived: 'archived',
};
const needs = (wanted: EventFacts['status'], verb: string) => (e: EventFacts) =>
  e.status === wanted
    ? null
    : `Only an event that is ${statusWords[wanted]} can be ${verb}; this one is ${statusWords[e.status]}.`;

/** The lifecycle of SPEC §8: draft → pending_approval → active → archived, and two flags. */
export const steps: Record<Transition, Step> = {
  submit: {
    action: 'event.update',
    from: (e) =>
      needs('draft', 'submitted for approval')(e) ??
      (e.organization.settings.eventApproval === 'required'
        ? null
        : 'This organization does not require approval: activate the event instead.'),
    change: () => ({ status: 'pending_approval' }),
    audit: 'event.submit',
  },
  activate: {
    action: 'event.activate',
    from: needs('draft', 'activated'),
    change: (now) => ({ status: 'active', publishedAt: now }),
    audit: 'event.activate',
  },
  approve: {
    action: 'event.publish',
    from: needs('pending_approval', 'approved'),
    change: (now) => ({ status: 'active', publishedAt: now }),
    audit: 'event.publish',
  },
  archive: {
    action: 'event.archive',
    from: needs('active', 'archived'),
    change: (now) => ({ status: 'archived', archivedAt: now }),
    audit: 'event.archive',
  },
  suspend: {
    action: 'event.suspend',
    from: (e) => (e.suspended ? 'This event is already suspended.' : null),
    change: () => ({ suspended: true }),
    audit: 'event.suspend',
  },
  reinstate: {
    action: 'event.suspend',
    from: (e) => (e.suspended ? null : 'This event is not suspended.'),
    change: () => ({ suspended: false }),
    audit: 'event.reinstate',
  },
  'flag-spam': {
    action: 'event.flag_spam',
    from: (e) => (e.spam ? 'This event is already flagged as spam.' : null),
    change: () => ({ spam: true }),
    audit: 'event.flag_spam',
  },
  'clear-spam': {
    action: 'event.flag_spam',
    from: (e) => (e.spam ? null : 'This event is not flagged as spam.'),
    change: () => ({ spam: false }),
    audit: 'event.clear_spam',
  },
};

/**
 * Moves an event one step (the route authorized `steps[verb].action`). The state is checked
 * again under the event's lock: of two approvals at once, the second answers invalid_state.
 */
export async function transition(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  verb: Transition,
  reason: string | null,
  publicUrl: string,
) {
  const step = steps[verb];
  return db.transaction(async (tx) => {
    const { row, resource } = await lockedEvent(tx, id);
    const wrong = step.from(resource);
    if (wrong) throw new AppError('invalid_state', wrong);
    const now = new Date();
    const change = step.change(now);
    await repo.updateEvent(tx, id, change);
    const before = Object.fromEntries(
      Object.keys(change).map((k) => [k, row.event[k as keyof typeof row.event]]),
    );
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id },
      action: step.audit,
      target: { type: 'event', id },
      before,
      after: change,
      reason,
    });
    if (verb === 'approve') await sendApprovedEmails(tx, row, publicUrl, ctx.actor?.userId ?? null);
    return presentById(tx, actor, id);
  });
}

/** "Your event is approved": to the event's admins (SPEC §10), as each prefers to be told. */
async function sendApprovedEmails(
  tx: Executor,
  row: EventRow,
  publicUrl: string,
  actorId: string | null,
) {
  const admins = await scopeAssignments(tx, 'event', row.event.id, ['event_admin']);
  await notify(
    tx,
    admins.map((a) => a.userId),
    {
      kind: 'event.approved',
      actorId,
      eventId: row.event.id,
      target: { type: 'event', id: row.event.id },
      title: `“${row.event.name}” is approved and active`,
      link: `/events/${row.event.id}`,
      email: {
        subject: `“${row.event.name}” is approved`,
        paragraphs: [
          `Your event “${row.event.name}” in ${row.organization.name} was approved. It is now active: its public page is live, and it accepts incident reports.`,
        ],
        actionLabel: 'Open the event',
        footer: 'You receive this as an admin of the event.',
      },
    },
    publicUrl,
  );
}
