import type { ReactNode } from 'react';
import { useRegions } from '../../api/places';
import { ServerSearchSelect, type SearchAnswer } from './server-search-select';

type RegionChoice = { id: string; name: string };

/** How many regions the picker shows at a time: typing narrows the rest. */
const SHOWN = 20;

function useRegionSearch(q: string, enabled: boolean): SearchAnswer<RegionChoice> {
  const regions = useRegions(q, 1, SHOWN, { enabled });
  return { items: regions.data?.items, isPending: regions.isPending, isError: regions.isError };
}

/** A searchable choice of region (or none). */
export function RegionPicker({
  label = 'Region',
  description,
  value,
  onChange,
  error,
}: {
  label?: string;
  description?: ReactNode;
  value: RegionChoice | null;
  onChange: (region: RegionChoice | null) => void;
  error?: ReactNode;
}) {
  return (
    <ServerSearchSelect
      label={label}
      description={description}
      placeholder="Type to search"
      value={value}
      onChange={(region) => onChange(region ? { id: region.id, name: region.name } : null)}
      error={error}
      useSearch={useRegionSearch}
      nothingFound={(q) => (q ? `No region matches “${q}”.` : 'There are no regions yet.')}
    />
  );
}
