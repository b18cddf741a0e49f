import { describe, expect, it } from 'vitest';
import {
  actionNames,
  actions,
  eventSettings,
  grants,
  organizationSettings,
  rolesByScope,
  type Grant,
} from '../src/index.js';

describe('the policy data', () => {
  it('grants every action to someone, and names only known roles', () => {
    const known = new Set(Object.values(rolesByScope).flat());
    for (const action of actionNames) {
      const list = grants[action] as readonly Grant[];
      expect(list.length, action).toBeGreaterThan(0);
      for (const g of list) {
        expect(
          Boolean(g.role) !== Boolean(g.relation),
          `${action}: a grant names a role or a relation`,
        ).toBe(true);
        if (g.role) expect(known.has(g.role), `${action}: ${g.role}`).toBe(true);
      }
    }
  });

  it('never grants a conduct action to a system role (SPEC §3)', () => {
    for (const action of actionNames.filter((a) => actions[a].domain === 'conduct')) {
      const roles = (grants[action] as readonly Grant[]).map((g) => g.role);
      expect(roles, action).not.toContain('system_admin');
      expect(roles, action).not.toContain('publisher');
    }
  });

  it('marks every report action as conduct', () => {
    for (const action of actionNames.filter((a) => a.startsWith('report.'))) {
      expect(actions[action].domain, action).toBe('conduct');
    }
  });

  it('lets settings change only the actions they list', () => {
    const settingConditions: Record<string, readonly string[]> = {
      responderScope: ['responder_scope'],
      respondersCanAssign: ['responders_can_assign'],
      reportIntake: ['intake_signed_in', 'intake_anonymous'],
      showTeamPublicly: ['show_team_publicly'],
      eventCreation: ['creation_open'],
      eventApproval: ['approval_not_required'],
    };
    const all = { ...eventSettings, ...organizationSettings };
    for (const [name, conditions] of Object.entries(settingConditions)) {
      const affected = actionNames.filter((a) =>
        (grants[a] as readonly Grant[]).some((g) => g.when?.some((c) => conditions.includes(c))),
      );
      expect(new Set(all[name as keyof typeof all].affects), name).toEqual(new Set(affected));
    }
    // leadersSeeIncidents reaches exactly the incident-data actions.
    expect(new Set(organizationSettings.leadersSeeIncidents.affects)).toEqual(
      new Set(actionNames.filter((a) => actions[a].incidentData)),
    );
  });
});
