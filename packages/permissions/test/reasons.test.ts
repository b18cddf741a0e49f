import { describe, expect, it } from 'vitest';
import { decide } from '../src/index.js';
import { actors, NOW, world } from './world.js';

describe('reasons', () => {
  const w = world();

  it('names the path that granted access', () => {
    expect(decide(actors.orgadmin, 'report.view', w.report, NOW).reason).toBe(
      'Allowed: org_admin of organization org-a → event_admin of Event ev-x.',
    );
    expect(decide(actors.chapterleader, 'event.team.view', w.event, NOW).reason).toBe(
      'Allowed: chapter_leader of chapter ch-a1 → event_admin of Event ev-x ⊇ responder.',
    );
    expect(decide(actors.eventadmin, 'event.team.view', w.event, NOW).reason).toBe(
      'Allowed: event_admin of event ev-x ⊇ responder.',
    );
    expect(decide(actors.attendee, 'report.create', w.event, NOW).reason).toBe(
      'Allowed: attendee (RSVP) → reporter of Event ev-x.',
    );
    expect(decide(actors.author, 'report.view', w.report, NOW).reason).toBe('Allowed: author.');
  });

  it('uses scope names when the facts carry them', () => {
    const named = {
      userId: 'u-n',
      assignments: [
        {
          role: 'org_admin' as const,
          scopeType: 'organization' as const,
          scopeId: 'org-a',
          scopeName: 'Org A',
          expiresAt: null,
        },
      ],
    };
    expect(decide(named, 'report.view', w.report, NOW).reason).toBe(
      'Allowed: org_admin of Org A → event_admin of Event ev-x.',
    );
  });

  it('says that conduct data is never granted through system roles', () => {
    const d = decide(actors.sysadmin, 'report.view', w.report, NOW);
    expect(d).toMatchObject({ allowed: false, code: 'conduct_not_for_system_roles' });
    expect(d.reason).toMatch(/never granted through system roles/);
  });

  it('says that a suspended event is closed to all but its admins', () => {
    const d = decide(
      actors.responder,
      'report.view',
      world({ event: { suspended: true } }).report,
      NOW,
    );
    expect(d).toMatchObject({ allowed: false, code: 'event_suspended' });
    expect(d.reason).toBe('Denied: Event ev-x is suspended; only its admins can open it.');
  });

  it('names the setting that narrows a responder', () => {
    const d = decide(
      actors.responder,
      'report.view',
      world({ event: { settings: { responderScope: 'assigned' } } }).report,
      NOW,
    );
    expect(d).toMatchObject({ allowed: false, code: 'condition', condition: 'responder_scope' });
    expect(d.reason).toMatch(/responderScope is "assigned"/);
  });

  it('tells a visitor to sign in, and a stranger that no role grants it', () => {
    expect(decide(actors.anon, 'event.rsvp', w.event, NOW).code).toBe('not_signed_in');
    expect(decide(actors.othereventadmin, 'report.view', w.report, NOW)).toMatchObject({
      allowed: false,
      code: 'no_role',
      reason: 'Denied: no role or relationship grants report.view here.',
    });
  });

  it('refuses an action on the wrong kind of resource', () => {
    expect(decide(actors.sysadmin, 'report.view', w.event, NOW).code).toBe('wrong_resource');
  });
});

describe('explain', () => {
  it('gives the reason and who would be allowed', async () => {
    const { explain } = await import('../src/index.js');
    const e = explain(actors.reporter, 'report.assign', world().report, NOW);
    expect(e.decision.allowed).toBe(false);
    expect(e.grantedTo).toEqual([
      '`event_admin`',
      '`responder` (when respondersCanAssign, on reports assigned to them when responderScope = assigned)',
    ]);
  });
});
