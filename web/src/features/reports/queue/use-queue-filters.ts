import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { filterParams, readFilters } from '../../../api/report-lists';
import type { QueueFilters } from '../../../api/report-types';
import { useAddressSearch } from '../../../components/use-address-search';

/**
 * The queue's filters, page and search box, all kept in the address: reloads, shared links and
 * the back button show the same reports. Any change of filters starts again at page 1.
 */
export function useQueueFilters() {
  const search = useAddressSearch();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);

  /** Changes some filters, keeping the others. */
  const change = useCallback(
    (patch: Partial<Record<keyof QueueFilters, string | null>>) =>
      setParams((old) => {
        const next = new URLSearchParams(old);
        for (const [name, value] of Object.entries(patch)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        next.delete('page');
        return filterParams(readFilters(next));
      }),
    [setParams],
  );

  /** Replaces every filter (a saved filter applied, or all cleared). */
  const replace = useCallback(
    (filters: QueueFilters) => setParams(filterParams(readFilters(filterParams(filters)))),
    [setParams],
  );

  return { ...search, filters, change, replace };
}

export type QueueFilterState = ReturnType<typeof useQueueFilters>;
