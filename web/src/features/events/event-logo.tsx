import { useEventLogo, type EventDetails } from '../../api/events';
import { LogoField } from '../shared/logo-field';

/** The event's logo: shown, replaced from a file (sent as the request body), or removed. */
export function EventLogo({ event }: { event: EventDetails }) {
  const { save, remove } = useEventLogo(event.id);
  return (
    <LogoField
      logoUrl={event.logoUrl}
      alt={`The logo of ${event.name}`}
      usedWhere="on the event's pages"
      save={save}
      remove={remove}
    />
  );
}
