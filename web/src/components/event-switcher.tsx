import { useState } from 'react';
import { Button, Combobox, Text, useCombobox, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import { useMyEvents } from '../api/my-events';
import { MyRoleBadge } from '../features/events/role-badge';
import classes from './event-switcher.module.css';

/**
 * The header's way to any event the signed-in person holds a role in: a compact button opening a
 * searchable list grouped by organization, each event with the person's role. The list is read
 * when first opened, and searched on the server (a person may hold roles in very many events).
 */
export function EventSwitcher() {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [everOpened, setEverOpened] = useState(false);
  const combobox = useCombobox({
    onDropdownOpen: () => {
      setEverOpened(true);
      combobox.focusSearchInput();
    },
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      combobox.focusTarget();
      setSearch('');
    },
  });
  const events = useMyEvents(q, { enabled: everOpened });
  const groups = events.data?.organizations.filter((o) => o.events.length > 0) ?? [];

  return (
    <Combobox
      store={combobox}
      width={320}
      position="bottom-end"
      shadow="md"
      // The header never scrolls away, so the list need not hide when its button would.
      hideDetached={false}
      // Inside the header landmark, so the list belongs to the banner for assistive technology.
      withinPortal={false}
      onOptionSubmit={(eventId) => {
        combobox.closeDropdown();
        void navigate(`/events/${encodeURIComponent(eventId)}`);
      }}
    >
      <Combobox.Target targetType="button" withAriaAttributes={false}>
        <Button
          variant="default"
          size="sm"
          px="sm"
          onClick={() => combobox.toggleDropdown()}
          aria-haspopup="listbox"
          aria-expanded={combobox.dropdownOpened}
        >
          Events
          <VisuallyHidden>: go to one of yours</VisuallyHidden>
        </Button>
      </Combobox.Target>
      <Combobox.Dropdown className={classes.dropdown}>
        <Combobox.Search
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          placeholder="Search your events"
          aria-label="Search your events"
          role="combobox"
          aria-expanded
          maxLength={200}
        />
        <Combobox.Options aria-label="Your events" className={classes.options}>
          {events.isPending ? (
            <Combobox.Empty>Loading your events…</Combobox.Empty>
          ) : events.isError ? (
            <Combobox.Empty>Your events could not be loaded.</Combobox.Empty>
          ) : groups.length === 0 ? (
            <Combobox.Empty>
              {q ? `No event of yours matches “${q}”.` : 'You have no role in any event yet.'}
            </Combobox.Empty>
          ) : (
            groups.map((org) => (
              <Combobox.Group key={org.id} label={org.name}>
                {org.events.map((event) => (
                  <Combobox.Option key={event.id} value={event.id} className={classes.option}>
                    <Text size="sm" fw={600} className={classes.name}>
                      {event.name}
                    </Text>
                    {event.myRole ? <MyRoleBadge role={event.myRole} /> : null}
                  </Combobox.Option>
                ))}
              </Combobox.Group>
            ))
          )}
        </Combobox.Options>
        {events.data?.truncated ? (
          <Combobox.Footer>
            <Text size="xs">More events match: type to narrow the list.</Text>
          </Combobox.Footer>
        ) : null}
      </Combobox.Dropdown>
    </Combobox>
  );
}
