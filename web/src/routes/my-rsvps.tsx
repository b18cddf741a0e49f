import { Page } from '../components/page';

export function MyRsvpsPage() {
  return <Page title="My RSVPs">{null}</Page>;
}
