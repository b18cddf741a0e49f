import { Page } from '../components/page';

export function CheckinSessionPage() {
  return <Page title="Check-in">{null}</Page>;
}
