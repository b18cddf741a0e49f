import type { LocationRef } from '../../api/places';

/**
 * A location in one line: "Kulturbrauerei, Schönhauser Allee 36, 10435 Berlin (Berlin)"; without
 * its name where the name is shown already (a list's row, a picker's option): "Schönhauser Allee
 * 36, 10435 Berlin (Berlin)", or the region alone.
 */
export function locationLine(location: LocationRef, { named = true } = {}): string {
  // An address written on several lines reads as one, its lines set apart by commas.
  const address = location.address
    .trim()
    .split(/\s*\n\s*/)
    .join(', ');
  const place = [named ? location.name : '', address].filter(Boolean).join(', ');
  if (!location.region) return place;
  return place ? `${place} (${location.region.name})` : location.region.name;
}
