import type { ReactElement } from 'react';
import { Anchor, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { withNext } from '../features/auth/next-path';
import { Page } from './page';
import { NotFoundPage } from '../routes/not-found';
import { Loading } from './loading';

/**
 * What a page for signed-in people shows before its content: a loader while the session loads, a
 * sign-in prompt without one, and the not-found page when the server answered 404 (no such thing,
 * or not for the caller: administration pages for anyone but a system admin, an organization the
 * caller may not see). Null when the page may show its content.
 */
export function pageGate(
  title: string,
  session: { isPending: boolean; data: unknown },
  error: unknown,
): ReactElement | null {
  if (session.isPending) return <Loading label="Loading" />;
  if (!session.data) {
    return (
      <Page title={title}>
        <SignInPrompt />
      </Page>
    );
  }
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  return null;
}

/** "Sign in to see this page", bringing the person back to this page afterwards. */
function SignInPrompt() {
  const { pathname, search } = useLocation();
  return (
    <Text>
      <Anchor component={Link} to={withNext('/sign-in', pathname + search)}>
        Sign in
      </Anchor>{' '}
      to see this page.
    </Text>
  );
}
