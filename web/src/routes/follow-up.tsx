import { NotFoundPage } from './not-found';

// Placeholder while this page is built (issue 7).
export function FollowUpPage() {
  return <NotFoundPage />;
}
