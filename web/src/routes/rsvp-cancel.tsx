import { Page } from '../components/page';

export function RsvpCancelPage() {
  return <Page title="Cancel your RSVP">{null}</Page>;
}
