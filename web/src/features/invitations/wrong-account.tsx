import { Alert, Button, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { useSignOut } from '../../api/session';

/** The invitation is for another address than the signed-in account's: how to go on. */
export function WrongAccount({ invited, signedInAs }: { invited: string; signedInAs: string }) {
  const signOut = useSignOut();
  return (
    <Alert color="yellow" title="This invitation is for another address" role="alert">
      <Stack gap="sm">
        <Text size="sm">
          You are signed in as <strong>{signedInAs}</strong>, but the invitation was sent to{' '}
          <strong>{invited}</strong>, and only that account can accept it. Sign out, then sign in
          with {invited} (or create an account with it). This page keeps your invitation meanwhile.
        </Text>
        {signOut.isError ? (
          <ErrorAlert error={signOut.error} title="You are still signed in" />
        ) : null}
        <div>
          <Button variant="default" onClick={() => signOut.mutate()} loading={signOut.isPending}>
            Sign out
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}
