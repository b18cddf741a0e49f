import { Page } from '../components/page';

export function EventAttendeesPage() {
  return <Page title="Attendees">{null}</Page>;
}
