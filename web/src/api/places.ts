import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api } from './client';
import type { Leader, LeaderAddition } from './leaders';
import type { PageOf } from './page';

// Regions and locations (docs/community-events.md): shared across organizations. Anyone may read
// them; a location's private details come only to those who may see them.

/** A location as events and sessions show it: basic details only, never the private ones. */
export interface LocationRef {
  id: string;
  name: string;
  address: string;
  region: { id: string; name: string } | null;
  /** Kept where it was used, but no longer offered in the picker. */
  archived: boolean;
}

export interface RegionSummary {
  id: string;
  name: string;
  description: string;
  locationCount: number;
}

export type RegionLeader = Leader;

export interface Region extends RegionSummary {
  leaders: RegionLeader[];
  can: {
    update: boolean;
    manageLeaders: boolean;
    /** Allowed; the server still refuses while the region has locations. */
    delete: boolean;
  };
}

export interface LocationSummary extends LocationRef {
  /**
   * Public events held there (their own location, or a session's): drafts and spam events are
   * not counted. Whether any event uses it (so it cannot be deleted) is `can.delete`.
   */
  eventCount: number;
}

/** The venue's contact and notes: region leaders and system admins only. */
export interface LocationPrivateDetails {
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  notes: string;
}

export interface Location extends LocationSummary {
  /** Null unless the caller may see them. */
  privateDetails: LocationPrivateDetails | null;
  /** The public events held there. */
  events: { id: string; name: string; slug: string; startsOn: string | null }[];
  can: {
    updateBasic: boolean;
    viewPrivate: boolean;
    updatePrivate: boolean;
    archive: boolean;
    delete: boolean;
  };
}

/** Which locations a list shows: the picker only ever asks for the default (not archived). */
export type ArchivedFilter = 'exclude' | 'include' | 'only';

export interface LocationFilter {
  q: string;
  regionId?: string | null;
  archived?: ArchivedFilter;
  page: number;
  pageSize?: number;
}

const regionsKey = ['regions'] as const;
const regionKey = (regionId: string) => [...regionsKey, 'one', regionId] as const;
const locationsKey = ['locations'] as const;
const locationKey = (locationId: string) => [...locationsKey, 'one', locationId] as const;
const regionPath = (regionId: string) => `/api/regions/${encodeURIComponent(regionId)}`;
const locationPath = (locationId: string) => `/api/locations/${encodeURIComponent(locationId)}`;

const reasonBody = (reason: string) => ({ reason: reason.trim() || null });

function listQuery(params: Record<string, string | number | null | undefined>) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  return search.toString();
}

/** One page of regions, by name. */
export function useRegions(
  q: string,
  page: number,
  pageSize?: number,
  opts: { enabled?: boolean } = {},
) {
  return useQuery({
    enabled: opts.enabled ?? true,
    queryKey: [...regionsKey, 'list', q, page, pageSize],
    queryFn: () => api<PageOf<RegionSummary>>(`/api/regions?${listQuery({ q, page, pageSize })}`),
    placeholderData: keepPreviousData,
  });
}

/** One region with its leaders and what the caller may do with it. */
export function useRegion(regionId: string, opts: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: opts.enabled ?? true,
    queryKey: regionKey(regionId),
    queryFn: () => api<{ region: Region }>(regionPath(regionId)).then((r) => r.region),
  });
}

/** After a region changed: its page shows the answer; lists of regions are read again. */
function useRegionSaved() {
  const queryClient = useQueryClient();
  return async ({ region }: { region: Region }) => {
    queryClient.setQueryData(regionKey(region.id), region);
    await queryClient.invalidateQueries({
      queryKey: regionsKey,
      predicate: (q) => q.queryKey[1] !== 'one',
    });
  };
}

/** Creates a region; the creator becomes its leader. */
export function useCreateRegion() {
  const saved = useRegionSaved();
  return useMutation({
    mutationFn: (body: { name: string; description: string }) =>
      api<{ region: Region }>('/api/regions', { method: 'POST', body }),
    onSuccess: saved,
  });
}

/** Renames a region or changes its description. */
export function useUpdateRegion(regionId: string) {
  const saved = useRegionSaved();
  return useMutation({
    mutationFn: (body: { name?: string; description?: string }) =>
      api<{ region: Region }>(regionPath(regionId), { method: 'PATCH', body }),
    onSuccess: saved,
  });
}

/** Deletes a region without locations. */
export function useDeleteRegion(regionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<void>(regionPath(regionId), { method: 'DELETE', body: reasonBody(reason) }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: regionKey(regionId) });
      await queryClient.invalidateQueries({ queryKey: regionsKey });
    },
  });
}

/** Makes someone with an account a leader of the region. */
export function useAddRegionLeader(regionId: string) {
  const saved = useRegionSaved();
  return useMutation({
    mutationFn: (body: LeaderAddition) =>
      api<{ region: Region }>(`${regionPath(regionId)}/leaders`, { method: 'POST', body }),
    onSuccess: saved,
  });
}

/** Removes a leader from the region. */
export function useRemoveRegionLeader(regionId: string) {
  const saved = useRegionSaved();
  return useMutation({
    mutationFn: ({ userId, reason }: { userId: string; reason: string }) =>
      api<{ region: Region }>(`${regionPath(regionId)}/leaders/${encodeURIComponent(userId)}`, {
        method: 'DELETE',
        body: reasonBody(reason),
      }),
    onSuccess: saved,
  });
}

/** One page of locations, by name; archived ones only when asked for. */
export function useLocations(filter: LocationFilter, opts: { enabled?: boolean } = {}) {
  const { q, regionId, archived, page, pageSize } = filter;
  return useQuery({
    enabled: opts.enabled ?? true,
    queryKey: [...locationsKey, 'list', q, regionId ?? null, archived ?? 'exclude', page, pageSize],
    queryFn: () =>
      api<PageOf<LocationSummary>>(
        `/api/locations?${listQuery({
          q,
          regionId,
          // The default leaves archived locations out: it is never sent.
          archived: archived === 'exclude' ? undefined : archived,
          page,
          pageSize,
        })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

/** One location, with its private details where the caller may see them. */
export function useLocationDetails(locationId: string) {
  return useQuery({
    queryKey: locationKey(locationId),
    queryFn: () => api<{ location: Location }>(locationPath(locationId)).then((r) => r.location),
  });
}

/**
 * After a location changed: lists of locations, its region's count and the events that show it
 * (by name, or archived) are read again.
 */
async function placesChanged(queryClient: QueryClient, locationId: string) {
  await Promise.all([
    queryClient.invalidateQueries({
      queryKey: locationsKey,
      predicate: (q) => q.queryKey[1] !== 'one' || q.queryKey[2] !== locationId,
    }),
    queryClient.invalidateQueries({ queryKey: regionsKey }),
    queryClient.invalidateQueries({ queryKey: ['events'] }),
    queryClient.invalidateQueries({ queryKey: ['event-sessions'] }),
  ]);
}

function useLocationSaved() {
  const queryClient = useQueryClient();
  return async ({ location }: { location: Location }) => {
    queryClient.setQueryData(locationKey(location.id), location);
    await placesChanged(queryClient, location.id);
  };
}

/** Creates a location (anyone signed in). */
export function useCreateLocation() {
  const saved = useLocationSaved();
  return useMutation({
    mutationFn: (body: { name: string; address: string; regionId: string | null }) =>
      api<{ location: Location }>('/api/locations', { method: 'POST', body }),
    onSuccess: saved,
  });
}

/** Changes a location's basic details: name, address, region. */
export function useUpdateLocation(locationId: string) {
  const saved = useLocationSaved();
  return useMutation({
    mutationFn: (body: { name?: string; address?: string; regionId?: string | null }) =>
      api<{ location: Location }>(locationPath(locationId), { method: 'PATCH', body }),
    onSuccess: saved,
  });
}

/** Replaces a location's private details. */
export function useUpdateLocationPrivate(locationId: string) {
  const saved = useLocationSaved();
  return useMutation({
    mutationFn: (body: LocationPrivateDetails) =>
      api<{ location: Location }>(`${locationPath(locationId)}/private`, { method: 'PUT', body }),
    onSuccess: saved,
  });
}

/** Archives a location (it leaves the picker) or brings it back. */
export function useArchiveLocation(locationId: string) {
  const saved = useLocationSaved();
  return useMutation({
    mutationFn: ({ archive, reason }: { archive: boolean; reason: string }) =>
      api<{ location: Location }>(
        `${locationPath(locationId)}/${archive ? 'archive' : 'unarchive'}`,
        {
          method: 'POST',
          body: reasonBody(reason),
        },
      ),
    onSuccess: saved,
  });
}

/** Deletes a location no event or session uses. */
export function useDeleteLocation(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<void>(locationPath(locationId), { method: 'DELETE', body: reasonBody(reason) }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: locationKey(locationId) });
      await placesChanged(queryClient, locationId);
    },
  });
}
