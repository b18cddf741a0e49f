import { useState, type ReactNode } from 'react';
import { Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import classes from './places.module.css';

/** What a search of the server answered: the matching items, or still waiting, or failed. */
export interface SearchAnswer<T> {
  items: T[] | undefined;
  isPending: boolean;
  isError: boolean;
}

/**
 * A choice among many things the server searches (regions, locations): typing asks the server,
 * whose answer is shown as it is. The chosen item stays offered even when the search would not
 * find it (an archived location still set on an event), labelled by `optionLabel`. Nothing is
 * asked before the list is first opened.
 */
export function ServerSearchSelect<T extends { id: string; name: string }>({
  label,
  description,
  placeholder,
  value,
  onChange,
  error,
  useSearch,
  optionLabel = (item) => item.name,
  optionDetail,
  nothingFound,
  clearable = true,
}: {
  label: string;
  description?: ReactNode;
  placeholder?: string;
  value: T | null;
  onChange: (item: T | null) => void;
  error?: ReactNode;
  /** Asks the server for the items matching `q` (only once `enabled`). */
  useSearch: (q: string, enabled: boolean) => SearchAnswer<T>;
  optionLabel?: (item: T) => string;
  /** A second line under an option (an address, a region). */
  optionDetail?: (item: T) => ReactNode;
  nothingFound: (q: string) => string;
  clearable?: boolean;
}) {
  const [everOpened, setEverOpened] = useState(false);
  const [search, setSearch] = useState('');
  // The box shows the chosen item's label; that is no search of its own.
  const typed = value && search === optionLabel(value) ? '' : search.trim();
  const [q] = useDebouncedValue(typed, 250);
  const answer = useSearch(q, everOpened);

  const items = new Map<string, T>();
  if (value) items.set(value.id, value);
  for (const item of answer.items ?? []) if (!items.has(item.id)) items.set(item.id, item);
  const data = [...items.values()].map((item) => ({ value: item.id, label: optionLabel(item) }));

  const empty = answer.isPending
    ? 'Searching…'
    : answer.isError
      ? 'The list could not be loaded.'
      : nothingFound(q);

  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder}
      searchable
      clearable={clearable}
      clearButtonProps={{ 'aria-label': `Clear ${label.toLowerCase()}` }}
      data={data}
      value={value?.id ?? null}
      onChange={(id) => onChange(id ? (items.get(id) ?? null) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setEverOpened(true)}
      // The server already searched: every item it answered is shown, in its order.
      filter={({ options }) => options}
      nothingFoundMessage={empty}
      renderOption={({ option }) => {
        const item = items.get(option.value);
        const detail = item && optionDetail ? optionDetail(item) : null;
        return (
          <Stack gap={0} miw={0}>
            <Text size="sm" className={classes.name}>
              {option.label}
            </Text>
            {detail ? (
              <Text size="xs" c="dimmed" className={classes.name}>
                {detail}
              </Text>
            ) : null}
          </Stack>
        );
      }}
      error={error}
    />
  );
}
