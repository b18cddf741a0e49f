import { memo, useMemo } from 'react';
import { Select } from '@mantine/core';

/** Every time zone this browser knows, with UTC and the current value even if it does not. */
function timeZoneOptions(current: string): string[] {
  const all = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
  if (current) all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/**
 * A searchable choice among the time zones. Memoized: with some 400 options it is costly to draw,
 * so typing elsewhere in the form does not draw it again.
 */
export const TimeZoneSelect = memo(function TimeZoneSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const zones = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <Select
      label="Time zone"
      description="Where the event takes place. Type to search, for example Berlin."
      searchable
      data={zones}
      value={value}
      onChange={(v) => {
        if (v) onChange(v);
      }}
      allowDeselect={false}
      nothingFoundMessage="No time zone matches"
      error={error}
    />
  );
});
