import { expect } from 'vitest';
import type { TestContext } from './app.js';
import { caller, type OrgFixture } from './structure.js';

// Regions, locations and the events and sessions held at them, made through the API, for the
// region and location suites.

export interface RegionView {
  id: string;
  name: string;
  description: string;
  locationCount: number;
  leaders: {
    userId: string | null;
    name: string;
    image: string | null;
    expiresAt: string | null;
    canRemove: boolean;
  }[];
  can: { update: boolean; manageLeaders: boolean; delete: boolean };
}

export interface LocationView {
  id: string;
  name: string;
  address: string;
  region: { id: string; name: string } | null;
  archived: boolean;
  eventCount: number;
  privateDetails: {
    contactName: string;
    contactEmail: string;
    contactPhone: string;
    notes: string;
  } | null;
  events: { id: string; name: string; slug: string; startsOn: string | null }[];
  can: {
    updateBasic: boolean;
    viewPrivate: boolean;
    updatePrivate: boolean;
    archive: boolean;
    delete: boolean;
  };
}

let names = 0;
/** A name no other test uses, with capitals (searches ignore case). */
export const uniqueName = (base: string) => `${base} ${(names += 1)}-${Date.now().toString(36)}`;

/** A region created by `cookie`'s user, who becomes its leader. */
export async function newRegion(
  ctx: TestContext,
  cookie: string,
  body: Record<string, unknown> = {},
): Promise<RegionView> {
  const res = await caller(ctx)(cookie, 'POST', '/api/regions', {
    name: uniqueName('Region'),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().region as RegionView;
}

/** A location created by `cookie`'s user; in `regionId` when given. */
export async function newLocation(
  ctx: TestContext,
  cookie: string,
  body: { name?: string; address?: string; regionId?: string | null } = {},
): Promise<LocationView> {
  const res = await caller(ctx)(cookie, 'POST', '/api/locations', {
    name: uniqueName('Hall'),
    address: '1 Main Street',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().location as LocationView;
}

/** The location as `cookie`'s user (or someone signed out) sees it. */
export async function getLocation(
  ctx: TestContext,
  cookie: string | null,
  id: string,
): Promise<LocationView> {
  const res = await caller(ctx)(cookie, 'GET', `/api/locations/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().location as LocationView;
}

/** Makes `locationId` the main location of an event, as the organization's admin. */
export async function holdEventAt(
  ctx: TestContext,
  org: OrgFixture,
  eventId: string,
  locationId: string | null,
) {
  const res = await caller(ctx)(org.orgAdmin.cookie, 'PATCH', `/api/events/${eventId}`, {
    locationId,
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** Adds a session at `locationId` to an event, as the organization's admin; its id. */
export async function sessionAt(
  ctx: TestContext,
  org: OrgFixture,
  eventId: string,
  locationId: string,
): Promise<string> {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const res = await caller(ctx)(org.orgAdmin.cookie, 'POST', `/api/events/${eventId}/sessions`, {
    name: 'Workshop',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    locationId,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().session.id as string;
}
