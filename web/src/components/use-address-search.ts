import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useSearchParams } from 'react-router';

/**
 * A list's search box, filters and page, kept in the address (for reloads, sharing, back and
 * forward): `q` follows the box once typing settles, and a new search or filter starts at page 1.
 */
export function useAddressSearch() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const [typed, setTyped] = useState(q);
  const [debounced] = useDebouncedValue(typed.trim(), 300);
  // The search the address holds, as this page last wrote or read it.
  const known = useRef(q);
  useEffect(() => {
    if (q !== known.current) {
      // The address moved by itself (back, forward): the box follows it.
      known.current = q;
      setTyped(q);
      return;
    }
    // Typing settled on a new search: it starts at its first page.
    if (debounced !== typed.trim() || debounced === q) return;
    known.current = debounced;
    setParams((old) => changed(old, { q: debounced || null, page: null }), { replace: true });
  }, [q, debounced, typed, setParams]);

  return {
    q,
    page,
    typed,
    setTyped,
    /** A filter's value in the address (null when unset). */
    filter: (name: string) => params.get(name),
    /** Sets or clears a filter; the list starts again at its first page. */
    setFilter: (name: string, value: string | null) =>
      setParams((old) => changed(old, { [name]: value, page: null })),
    goTo: (p: number) => setParams((old) => changed(old, { page: p === 1 ? null : String(p) })),
  };
}

function changed(old: URLSearchParams, change: Record<string, string | null>) {
  const next = new URLSearchParams(old);
  for (const [name, value] of Object.entries(change)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next;
}
