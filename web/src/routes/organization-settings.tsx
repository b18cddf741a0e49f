import { Anchor, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useOrganization, useOrganizationLogo, type Organization } from '../api/organizations';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Section } from '../components/section';
import { OrganizationDetailsForm } from '../features/organizations/organization-details-form';
import { OrganizationPolicyForm } from '../features/organizations/organization-policy-form';
import { LogoField } from '../features/shared/logo-field';
import { Loading } from '../components/loading';

/** An organization's settings: details, logo and policies (org admins). */
export function OrganizationSettingsPage() {
  const { orgId = '' } = useParams();
  const session = useSession();
  const org = useOrganization(orgId, { enabled: Boolean(session.data) });

  const gate = pageGate('Organization settings', session, org.error);
  if (gate) return gate;
  if (!org.data) {
    return org.isPending ? (
      <Loading label="Loading" />
    ) : (
      <ErrorAlert error={org.error} title="The organization could not be loaded" />
    );
  }
  const o = org.data;
  const back = (
    <Anchor component={Link} to={`/orgs/${encodeURIComponent(o.id)}`}>
      Back to {o.name}
    </Anchor>
  );

  return (
    <Page title={`Settings of ${o.name}`}>
      {back}
      {o.can.update ? (
        <>
          <Section title="Details">
            <OrganizationDetailsForm organization={o} />
          </Section>
          <Section title="Logo">
            <Logo organization={o} />
          </Section>
          <Section title="Policies">
            <OrganizationPolicyForm organization={o} />
          </Section>
        </>
      ) : (
        <Text>Only the organization&apos;s admins change its settings.</Text>
      )}
    </Page>
  );
}

function Logo({ organization: o }: { organization: Organization }) {
  const { save, remove } = useOrganizationLogo(o.id);
  return (
    <LogoField
      logoUrl={o.logoUrl}
      alt={`The logo of ${o.name}`}
      usedWhere="on the organization's pages"
      save={save}
      remove={remove}
    />
  );
}
