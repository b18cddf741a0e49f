import { sql, type SQL } from 'drizzle-orm';
import {
  decide,
  listPlan,
  type Action,
  type ActorFacts,
  type Resource,
} from '@steward/permissions';
import { loadActorFactsOf } from '../../authz/facts.js';
import { planWhere } from '../../authz/list-filter.js';
import type { Executor } from '../../db/connection.js';
import { events, notifications, organizations, reports } from '../../db/schema/index.js';
import { enqueueEmails } from '../email/service.js';
import { renderEmail, type EmailLayout } from '../email/template.js';
import { reportColumns } from '../reports/lists.js';
import { notificationKinds, type NotificationKind } from './kinds.js';
import * as repo from './repository.js';

// Telling people (SPEC §10). A notification is decided when it is sent: only the people the
// engine lets see what it is about receive it, in the transaction of the change it tells about
// (so a rolled-back change tells nobody). It is checked again when read: a notification about a
// report is listed only while its person may still view that report.

export interface Notice {
  kind: NotificationKind;
  /** Who caused it: never told about their own doing. */
  actorId: string | null;
  /** Whether the notice names who caused it (not where its reader may not know the team). */
  showActor?: boolean;
  eventId?: string | null;
  target?: { type: string; id: string } | null;
  /** The line in the app's list. */
  title: string;
  /** The app path it leads to, such as /reports/<id>. */
  link: string;
  /**
   * The email, when the person wants one: the layout without the link (added from `link`).
   * Null when the email goes out on its own (an invitation's email is the invitation).
   */
  email: (Omit<EmailLayout, 'action'> & { actionLabel: string }) | null;
}

/**
 * Sends `notice` to each of `userIds` that is a live account, by each channel they want.
 * Callers pass only people the engine allowed (see allowedRecipients).
 */
export async function notify(
  tx: Executor,
  userIds: readonly string[],
  notice: Notice,
  publicUrl: string,
) {
  const wanted = [...new Set(userIds)].filter((id) => id !== notice.actorId);
  const people = await repo.recipientsOf(tx, wanted, notice.kind);
  if (people.length === 0) return;
  const defaults = notificationKinds[notice.kind];
  await repo.insertNotifications(
    tx,
    people.filter((p) => p.inApp ?? defaults.inApp).map((p) => p.id),
    {
      kind: notice.kind,
      eventId: notice.eventId ?? null,
      targetType: notice.target?.type ?? null,
      targetId: notice.target?.id ?? null,
      title: notice.title,
      link: notice.link,
      actorId: notice.showActor === false ? null : notice.actorId,
    },
  );
  const message = notice.email;
  if (!message) return;
  const { actionLabel, ...layout } = message;
  // One insert for everyone's email: a team is emailed about every new report.
  await enqueueEmails(
    tx,
    people
      .filter((p) => defaults.emailLocked || (p.byEmail ?? defaults.email))
      .map((p) => ({
        to: p.email,
        ...renderEmail({
          ...layout,
          greeting: `Hello ${p.name},`,
          action: { label: actionLabel, url: new URL(notice.link, publicUrl).href },
          footer:
            layout.footer ??
            'You get this email because of your notification settings in Steward (Account → Notifications).',
        }),
        kind: `notification.${notice.kind.replace('.', '_')}`,
        userId: p.id,
      })),
  );
}

/** Whether a person wants emails of this kind (for emails sent outside notify()). */
export async function wantsEmail(tx: Executor, userId: string, kind: NotificationKind) {
  const defaults = notificationKinds[kind];
  if (defaults.emailLocked) return true;
  const [pref] = await repo.preferencesOf(tx, [userId], kind);
  return pref?.email ?? defaults.email;
}

/**
 * Of `candidates`, the people the engine lets do `action` to `resource` right now, read from the
 * database in the caller's transaction: someone removed a second ago is not among them.
 */
export async function allowedRecipients(
  tx: Executor,
  candidates: readonly (string | null)[],
  action: Action,
  resource: Resource,
): Promise<string[]> {
  const now = new Date();
  const ids = candidates.filter((id): id is string => !!id);
  const facts = await loadActorFactsOf(tx, ids);
  return [...facts.values()]
    .filter((f) => decide(f, action, resource, now).allowed)
    .map((f) => f.userId!);
}

/**
 * The notifications a person may read now: those about a report only while the engine's list
 * plan for `report.view` still lets them see it (and it is not deleted).
 */
export function visibleTo(actor: ActorFacts): SQL {
  const plan = planWhere(listPlan(actor, 'report.view', new Date()), reportColumns);
  return sql`(${notifications.targetType} is distinct from 'report' or exists (
    select 1 from ${reports}
    inner join ${events} on ${events.id} = ${reports.eventId}
    inner join ${organizations} on ${organizations.id} = ${events.organizationId}
    where ${reports.id}::text = ${notifications.targetId} and ${reports.deletedAt} is null
      and ${plan}))`;
}
