import { describe, expect, it } from 'vitest';
import { roles, rolesByScope, scopeOfRole } from './index.js';

describe('roles', () => {
  it('holds every role of SPEC §2 exactly once', () => {
    expect([...roles].sort()).toEqual(
      [
        'system_admin',
        'publisher',
        'org_admin',
        'org_viewer',
        'chapter_leader',
        'event_admin',
        'responder',
        'reporter',
        'checkiner',
        'region_leader',
      ].sort(),
    );
    expect(new Set(roles).size).toBe(roles.length);
  });

  it('knows the scope of each role', () => {
    for (const [scope, list] of Object.entries(rolesByScope)) {
      for (const role of list) expect(scopeOfRole(role)).toBe(scope);
    }
  });
});
