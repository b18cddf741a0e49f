import { Button, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Invitation } from '../../api/invitations';
import { useSignUpMode } from '../../api/session';
import { withNext } from '../auth/next-path';

const HERE = '/invitations';

/**
 * For someone signed out: sign in (or create an account) with the invited address, and come
 * back here to accept. The token waits in this tab meanwhile.
 */
export function SignInToAccept({ invitation, token }: { invitation: Invitation; token: string }) {
  const signUp = useSignUpMode();
  // Signing up with the invitation confirms the address and accepts it in one step; it works
  // whatever the sign-up setting, since someone invited this address.
  const state = { email: invitation.email, invitation: token };
  const offerSignUp = !invitation.accountExists || signUp.data === 'open';
  const signUpFirst = offerSignUp && !invitation.accountExists;
  return (
    <>
      <Text>
        To accept, sign in with <strong>{invitation.email}</strong>
        {offerSignUp ? ', or create an account with that address' : ''}. You come back to this page
        afterwards.
      </Text>
      <Group gap="sm">
        <Button
          component={Link}
          to={withNext('/sign-in', HERE)}
          state={state}
          variant={signUpFirst ? 'default' : 'filled'}
        >
          Sign in
        </Button>
        {offerSignUp ? (
          <Button
            component={Link}
            to={withNext('/sign-up', HERE)}
            state={state}
            variant={signUpFirst ? 'filled' : 'default'}
          >
            Create an account
          </Button>
        ) : null}
      </Group>
    </>
  );
}
