import { waitFor, within } from '@testing-library/react';
import type { Location, LocationSummary, Region, RegionSummary } from '../api/places';
import { aLocation } from '../features/rsvps/test-fixtures';

// Regions and locations as the API answers them, for the places pages' and pickers' tests.

export const aRegionSummary = (over: Partial<RegionSummary> = {}): RegionSummary => ({
  id: 'reg-1',
  name: 'Berlin',
  description: 'Venues in and around Berlin.',
  locationCount: 0,
  ...over,
});

const lea = {
  userId: 'u-lea',
  name: 'Lea Leader',
  image: null,
  grantedAt: '2026-02-01T10:00:00.000Z',
  expiresAt: null,
  canRemove: true,
};

/** A region its leader sees: every ability, one leader, no locations. */
export const aRegion = (over: Partial<Region> = {}): Region => ({
  ...aRegionSummary(),
  leaders: [lea],
  can: { update: true, manageLeaders: true, delete: true },
  ...over,
});

export const aLocationSummary = (over: Partial<LocationSummary> = {}): LocationSummary => ({
  ...aLocation(),
  eventCount: 0,
  ...over,
});

export const noLocationAbilities: Location['can'] = {
  updateBasic: false,
  viewPrivate: false,
  updatePrivate: false,
  archive: false,
  delete: false,
};

/** A location as anyone sees it (no private details); override anything. */
export const aLocationDetails = (
  over: Partial<Location> = {},
  can: Partial<Location['can']> = {},
): Location => ({
  ...aLocationSummary(),
  privateDetails: null,
  events: [],
  ...over,
  can: { ...noLocationAbilities, ...can },
});

/** What its region's leader sees: the private details and every ability. */
export const leadersLocation = (over: Partial<Location> = {}): Location =>
  aLocationDetails(
    {
      privateDetails: {
        contactName: 'Kim Keys',
        contactEmail: 'kim@venue.example',
        contactPhone: '+49 30 1234567',
        notes: 'Side entrance after 18:00.',
      },
      ...over,
    },
    { updateBasic: true, viewPrivate: true, updatePrivate: true, archive: true, delete: true },
  );

/**
 * Opens a searchable select and chooses an option from its own list (a page may hold several
 * pickers offering the same option).
 */
export async function chooseOption(
  user: { click: (element: Element) => Promise<void> },
  combobox: HTMLElement,
  name: string | RegExp,
) {
  await user.click(combobox);
  const listbox = await waitFor(
    () => {
      const id = combobox.getAttribute('aria-controls');
      const found = id ? document.getElementById(id) : null;
      if (!found) throw new Error('the list did not open');
      return found;
    },
    { timeout: 5_000 },
  );
  await user.click(
    await within(listbox).findByRole('option', { name, hidden: true }, { timeout: 5_000 }),
  );
}
