import { actionNames, actions, type Action } from './actions.js';

interface SettingDefinition<V extends string | boolean> {
  values: readonly V[];
  default: V;
  /** What the setting means, in plain language, for the settings pages and docs. */
  explanation: string;
  /** The actions whose decision it can change; it can change no other. */
  affects: readonly Action[];
}

const setting = <const V extends string | boolean>(d: SettingDefinition<V>) => d;

/** The ✔a actions: a responder holds them on every report, or only on reports assigned to them. */
export const responderScopedActions = [
  'report.view',
  'report.reporter.view',
  'report.update.details',
  'report.update.severity',
  'report.state.change',
  'report.assign',
  'report.comment.external.create',
  'report.comment.internal.create',
  'report.comment.internal.view',
  'report.comment.internal.share',
  'report.evidence.upload',
] as const satisfies readonly Action[];

/** Per-event policy settings (SPEC §5). */
export const eventSettings = {
  responderScope: setting({
    values: ['all', 'assigned'],
    default: 'all',
    explanation:
      'Whether responders handle every report of the event, or only the reports assigned to them.',
    affects: responderScopedActions,
  }),
  respondersCanAssign: setting({
    values: [true, false],
    default: true,
    explanation: 'Whether responders may assign and unassign reports, or only event admins.',
    affects: ['report.assign'],
  }),
  reportIntake: setting({
    values: ['members', 'signed_in', 'anonymous'],
    default: 'members',
    explanation:
      'Who may submit a report: the event team and attendees; any signed-in user; or also people without an account.',
    affects: ['report.create'],
  }),
  showTeamPublicly: setting({
    values: [true, false],
    default: false,
    explanation: 'Whether the public event page lists the names of the code-of-conduct team.',
    affects: ['event.team.view_public'],
  }),
} as const;

/** Per-organization policy settings (SPEC §5). */
export const organizationSettings = {
  eventCreation: setting({
    values: ['admins', 'anyone'],
    default: 'admins',
    explanation:
      'Who may create events: organization admins (and chapter leaders in their chapter), or also any signed-in user, whose event then waits for approval.',
    affects: ['event.create'],
  }),
  eventApproval: setting({
    values: ['required', 'not_required'],
    default: 'not_required',
    explanation:
      'Whether an event admin who is not also a publisher, chapter leader or organization admin needs approval to activate their event.',
    affects: ['event.activate'],
  }),
  leadersSeeIncidents: setting({
    values: [true, false],
    default: true,
    explanation:
      'Whether organization admins and chapter leaders see the incident reports of their events. When off, they keep everything else of event admin, and see reports only where they hold an event role themselves.',
    // Exactly the actions that read or change incident data.
    affects: actionNames.filter((a) => actions[a].incidentData),
  }),
  requireMfaForAdmins: setting({
    values: [true, false],
    default: true,
    explanation:
      'Whether admins must use two-factor authentication. Enforced when signing in, not by individual decisions.',
    affects: [],
  }),
} as const;

type ValuesOf<T> = {
  -readonly [K in keyof T]: T[K] extends SettingDefinition<infer V> ? V : never;
};
export type EventSettings = ValuesOf<typeof eventSettings>;
export type OrganizationSettings = ValuesOf<typeof organizationSettings>;

const defaults = <T extends Record<string, { default: unknown }>>(defs: T) =>
  Object.fromEntries(Object.entries(defs).map(([k, d]) => [k, d.default]));

export const defaultEventSettings = defaults(eventSettings) as EventSettings;
export const defaultOrganizationSettings = defaults(organizationSettings) as OrganizationSettings;
