import { describe, expect, it } from 'vitest';
import {
  defaultEventSettings,
  defaultOrganizationSettings,
  type Resource,
} from '@steward/permissions';
import type { AppError } from '../errors.js';
import { authorize } from './authorize.js';

const event: Resource = {
  type: 'event',
  id: 'e1',
  name: 'Event 1',
  organization: { id: 'o1', settings: defaultOrganizationSettings },
  chapter: null,
  status: 'active',
  suspended: false,
  spam: false,
  rsvpOpen: true,
  createdBy: null,
  settings: defaultEventSettings,
  hasIncidentData: false,
};
const responder = {
  userId: 'u1',
  assignments: [
    { role: 'responder' as const, scopeType: 'event' as const, scopeId: 'e1', expiresAt: null },
  ],
};
const stranger = { userId: 'u2', assignments: [] };

const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a throw');
};

describe('authorize', () => {
  it('returns the decision when allowed', () => {
    expect(authorize(responder, 'event.team.view', event).allowed).toBe(true);
  });

  it('answers 403 with the reason to someone who may see it but not do this', () => {
    const error = thrown(() =>
      authorize(responder, 'event.team.manage', event, { seeWith: 'event.team.view' }),
    );
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
    expect(error.message).toMatch(/^Denied: /);
  });

  it('answers 404, like a missing thing, to someone who may not see it', () => {
    const error = thrown(() =>
      authorize(stranger, 'event.team.manage', event, { seeWith: 'event.team.view', what: 'team' }),
    );
    expect(error).toMatchObject({ code: 'not_found', status: 404, message: 'No such team.' });
  });
});
