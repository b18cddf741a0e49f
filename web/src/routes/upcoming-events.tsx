import { Page } from '../components/page';

export function UpcomingEventsPage() {
  return <Page title="Upcoming events">{null}</Page>;
}
