import { Page } from '../components/page';

export function CheckinPage() {
  return <Page title="Check-in">{null}</Page>;
}
