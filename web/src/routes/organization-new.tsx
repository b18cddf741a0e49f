import { useSession } from '../api/session';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { NewOrganizationForm } from '../features/organizations/new-organization-form';
import { NotFoundPage } from './not-found';

/** A new organization (system admins; for anyone else there is no such page). */
export function NewOrganizationPage() {
  const session = useSession();
  const gate = pageGate('New organization', session, null);
  if (gate) return gate;
  if (!session.data?.systemRoles.includes('system_admin')) return <NotFoundPage />;
  return (
    <Page title="New organization">
      <NewOrganizationForm />
    </Page>
  );
}
