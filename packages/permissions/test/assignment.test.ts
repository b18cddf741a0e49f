import { describe, expect, it } from 'vitest';
import { canGrant, canRevoke, type Role } from '../src/index.js';
import { actorNames, actors, NOW, world, type ActorName } from './world.js';

// SPEC §6, transcribed by hand: who may give which role where.
const w = world();
const many = { eventAdminCount: 2, orgAdminCount: 2 };

function granters(role: Role, scope: keyof ReturnType<typeof world>, facts = many, options = {}) {
  const resource = world(options)[scope];
  return actorNames.filter((a) => canGrant(actors[a], role, resource, facts, NOW).allowed).sort();
}

const sorted = (xs: ActorName[]) => [...xs].sort();

describe('canGrant', () => {
  it('system roles: only a system_admin', () => {
    expect(granters('system_admin', 'system')).toEqual(['sysadmin']);
    expect(granters('publisher', 'system')).toEqual(['sysadmin']);
  });

  it('organization roles: its org_admins; a system_admin only the first org_admin', () => {
    expect(granters('org_viewer', 'organization')).toEqual(['orgadmin']);
    expect(granters('org_admin', 'organization')).toEqual(['orgadmin']);
    expect(granters('org_admin', 'organization', { ...many, orgAdminCount: 0 })).toEqual(
      sorted(['orgadmin', 'sysadmin']),
    );
    expect(granters('org_viewer', 'organization', { ...many, orgAdminCount: 0 })).toEqual([
      'orgadmin',
    ]);
  });

  it('chapter leaders: org_admins, the chapter’s leaders, system_admins', () => {
    expect(granters('chapter_leader', 'chapter')).toEqual(
      sorted(['orgadmin', 'chapterleader', 'sysadmin']),
    );
  });

  it('event roles: the event’s admins, explicit or inherited', () => {
    for (const role of ['event_admin', 'responder', 'reporter', 'checkiner'] as const) {
      expect(granters(role, 'event'), role).toEqual(
        sorted(['eventadmin', 'orgadmin', 'chapterleader']),
      );
    }
  });

  it('the bootstrap invite: a system_admin, for the first event_admin only', () => {
    const none = { ...many, eventAdminCount: 0 };
    expect(granters('event_admin', 'event', none)).toEqual(
      sorted(['eventadmin', 'orgadmin', 'chapterleader', 'sysadmin']),
    );
    expect(granters('responder', 'event', none)).toEqual(
      sorted(['eventadmin', 'orgadmin', 'chapterleader']),
    );
    const d = canGrant(actors.sysadmin, 'event_admin', w.event, none, NOW);
    expect(d).toMatchObject({ allowed: true, code: 'bootstrap' });
  });

  it('region leaders: the region’s leaders and system_admins', () => {
    expect(granters('region_leader', 'region')).toEqual(sorted(['regionleader', 'sysadmin']));
  });

  it('refuses a role in the wrong kind of scope', () => {
    expect(canGrant(actors.sysadmin, 'event_admin', w.organization, many, NOW).code).toBe(
      'wrong_scope',
    );
  });

  it('nobody manages the team of a suspended event but its admins, nor of an archived one', () => {
    expect(granters('responder', 'event', many, { event: { suspended: true } })).toEqual(
      sorted(['eventadmin', 'orgadmin', 'chapterleader']),
    );
    expect(granters('responder', 'event', many, { event: { status: 'archived' } })).toEqual([]);
  });

  it('an expired event_admin grants nothing', () => {
    expect(canGrant(actors.expiredadmin, 'responder', w.event, many, NOW).allowed).toBe(false);
  });
});

describe('canRevoke: the last-admin guards', () => {
  it('never removes or demotes the last event_admin', () => {
    const one = { eventAdminCount: 1 };
    expect(canRevoke(actors.eventadmin, 'event_admin', w.event, one, NOW)).toMatchObject({
      allowed: false,
      code: 'last_admin',
    });
    expect(canRevoke(actors.orgadmin, 'event_admin', w.event, one, NOW, 'responder').code).toBe(
      'last_admin',
    );
    expect(
      canRevoke(actors.eventadmin, 'event_admin', w.event, { eventAdminCount: 2 }, NOW).allowed,
    ).toBe(true);
    expect(canRevoke(actors.eventadmin, 'responder', w.event, one, NOW).allowed).toBe(true);
  });

  it('never removes the last org_admin', () => {
    expect(
      canRevoke(actors.orgadmin, 'org_admin', w.organization, { orgAdminCount: 1 }, NOW).code,
    ).toBe('last_admin');
    expect(
      canRevoke(actors.orgadmin, 'org_admin', w.organization, { orgAdminCount: 3 }, NOW).allowed,
    ).toBe(true);
  });

  it('never removes the last system_admin; publisher has no such guard', () => {
    expect(
      canRevoke(actors.sysadmin, 'system_admin', w.system, { systemAdminCount: 1 }, NOW).code,
    ).toBe('last_admin');
    expect(canRevoke(actors.sysadmin, 'system_admin', w.system, {}, NOW).code).toBe('last_admin');
    expect(
      canRevoke(actors.sysadmin, 'system_admin', w.system, { systemAdminCount: 2 }, NOW).allowed,
    ).toBe(true);
    expect(canRevoke(actors.sysadmin, 'publisher', w.system, {}, NOW).allowed).toBe(true);
    expect(
      canRevoke(actors.publisher, 'publisher', w.system, { systemAdminCount: 2 }, NOW).code,
    ).toBe('not_allowed');
  });

  it('needs the same permission as granting', () => {
    expect(canRevoke(actors.responder, 'reporter', w.event, many, NOW).code).toBe('not_allowed');
  });
});
