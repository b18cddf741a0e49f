import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { PageOf } from './page';
import type { LocationRef } from './places';

/** An upcoming public event, as the public listing shows it to anyone. */
export interface PublicEventListing {
  name: string;
  slug: string;
  startsOn: string | null;
  endsOn: string | null;
  timeZone: string;
  organization: { id: string; name: string };
  location: LocationRef | null;
  rsvpOpen: boolean;
  /** Attendee places left; null: no limit. */
  places: { attendee: number | null };
}

/** A region for the listing's filter, with how many upcoming public events it has. */
export interface PublicRegion {
  id: string;
  name: string;
  eventCount: number;
}

/** The listing's filters, as its address and the API name them. */
export interface ListingFilters {
  regionId?: string;
  organizationId?: string;
  q?: string;
}

/** The listing's page size (said aloud, so page links agree with the server's pages). */
export const LISTING_PAGE_SIZE = 20;

export const listingsKey = ['public-listings'] as const;

/** One page of upcoming public events, soonest first. */
export function usePublicEvents(filters: ListingFilters, page: number) {
  const params = new URLSearchParams();
  if (filters.regionId) params.set('regionId', filters.regionId);
  if (filters.organizationId) params.set('organizationId', filters.organizationId);
  if (filters.q) params.set('q', filters.q);
  params.set('page', String(page));
  params.set('pageSize', String(LISTING_PAGE_SIZE));
  return useQuery({
    queryKey: [...listingsKey, 'events', params.toString()],
    queryFn: () => api<PageOf<PublicEventListing>>(`/api/public/events?${params.toString()}`),
    placeholderData: keepPreviousData,
  });
}

/** Every region, by name, with how many upcoming public events it has (none too), for the filter. */
export function usePublicRegions() {
  return useQuery({
    queryKey: [...listingsKey, 'regions'],
    queryFn: () => api<{ items: PublicRegion[] }>('/api/public/regions').then((r) => r.items),
  });
}
