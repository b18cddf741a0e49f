/**
 * The notification types of SPEC §10, with each channel's default and whether a person may turn
 * email off (an invitation's email is the invitation itself: it always goes).
 */
export const notificationKinds = {
  'report.new': {
    label: 'New reports',
    description: 'A report is submitted in an event where you respond to reports.',
    inApp: true,
    email: true,
    emailLocked: false,
  },
  'report.assigned': {
    label: 'Assigned to you',
    description: 'Someone assigns a report to you.',
    inApp: true,
    email: true,
    emailLocked: false,
  },
  'report.state': {
    label: 'State changes',
    description: 'A report you wrote or are assigned to moves to another state.',
    inApp: true,
    email: false,
    emailLocked: false,
  },
  'report.comment': {
    label: 'Replies',
    description: 'A reply is added to a report you wrote or are assigned to.',
    inApp: true,
    email: true,
    emailLocked: false,
  },
  'role.changed': {
    label: 'Your roles',
    description: 'You are given a role, or yours changes or ends.',
    inApp: true,
    email: true,
    emailLocked: false,
  },
  invitation: {
    label: 'Invitations',
    description: 'Someone invites you to an event or organization.',
    inApp: true,
    email: true,
    emailLocked: true,
  },
  'event.approved': {
    label: 'Event approvals',
    description: 'An event you run is approved and published.',
    inApp: true,
    email: true,
    emailLocked: false,
  },
} as const;

export type NotificationKind = keyof typeof notificationKinds;
export const notificationKindNames = Object.keys(notificationKinds) as NotificationKind[];
