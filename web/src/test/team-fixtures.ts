import type { InviteLink, SentInvitation } from '../api/joining';
import type { TeamMember, TeamPage } from '../api/teams';
import { pageOf } from './fixtures';

// Team members, invitations and invite links as the API answers them, for the team pages' tests.

const noActions = { changeTo: [], remove: false, setExpiry: false };

export const aMember = (over: Partial<TeamMember> = {}): TeamMember => ({
  userId: 'u-rita',
  name: 'Rita Responder',
  image: null,
  email: 'rita@example.org',
  role: 'responder',
  explicit: true,
  inheritedFrom: null,
  grantedBy: { id: 'u-mo', name: 'Mo Member' },
  grantedAt: '2026-03-01T10:00:00.000Z',
  expiresAt: null,
  lastActiveAt: '2026-03-05T09:30:00.000Z',
  isYou: false,
  can: noActions,
  ...over,
});

/** Mo, the signed-in event admin, and those who may change Rita. */
export const mo = aMember({
  userId: 'u-mo',
  name: 'Mo Member',
  email: 'mo@example.org',
  role: 'event_admin',
  grantedBy: null,
  isYou: true,
  can: { changeTo: ['responder', 'reporter'], remove: true, setExpiry: true },
});
export const rita = aMember({
  can: { changeTo: ['event_admin', 'reporter'], remove: true, setExpiry: true },
});
/** An org admin who inherits event_admin. */
export const olga = aMember({
  userId: 'u-olga',
  name: 'Olga Admin',
  email: 'olga@example.org',
  role: 'event_admin',
  explicit: false,
  inheritedFrom: { type: 'organization', id: 'org-1', name: 'Rust Community' },
  grantedBy: { id: 'u-admin', name: 'Ada Admin' },
  lastActiveAt: null,
});

export const manager: TeamPage['can'] = {
  manage: true,
  invite: true,
  assignable: ['event_admin', 'responder', 'reporter'],
};
export const readOnly: TeamPage['can'] = { manage: false, invite: false, assignable: [] };

export const teamOf = (items: TeamMember[], can = manager): TeamPage => ({
  ...pageOf(items),
  can,
});

export const aSentInvitation = (over: Partial<SentInvitation> = {}): SentInvitation => ({
  id: 'inv-1',
  email: 'nina@example.org',
  role: 'responder',
  message: null,
  status: 'pending',
  invitedBy: 'Mo Member',
  createdAt: '2026-03-02T10:00:00.000Z',
  expiresAt: '2026-03-09T10:00:00.000Z',
  ...over,
});

export const anInviteLink = (over: Partial<InviteLink> = {}): InviteLink => ({
  id: 'link-1',
  role: 'reporter',
  note: 'Attendee Slack',
  maxUses: 10,
  useCount: 3,
  expiresAt: '2026-04-01T10:00:00.000Z',
  createdAt: '2026-03-01T10:00:00.000Z',
  createdBy: 'Mo Member',
  disabledAt: null,
  status: 'active',
  ...over,
});
