import type { ReactElement } from 'react';
import { Anchor, Loader, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { Page } from '../../components/page';
import { NotFoundPage } from '../../routes/not-found';

/**
 * What an administration page shows before its content: a loader while the session loads, a
 * sign-in prompt without one, and the not-found page when the server answered 404 (it does for
 * anyone but a system admin; so does the page). Null when the page may show its content.
 */
export function adminGate(
  title: string,
  session: { isPending: boolean; data: unknown },
  error: unknown,
): ReactElement | null {
  if (session.isPending) return <Loader aria-label="Loading" />;
  if (!session.data) {
    return (
      <Page title={title}>
        <Text>
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>{' '}
          to see this page.
        </Text>
      </Page>
    );
  }
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  return null;
}
