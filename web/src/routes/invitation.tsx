import { useEffect } from 'react';
import { Button, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useAcceptInvitation, useInvitationLookup } from '../api/invitations';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { safeNextPath } from '../features/auth/next-path';
import {
  endedByCode,
  endedTitle,
  InvitationEnded,
  type EndedStatus,
} from '../features/invitations/invitation-ended';
import { InvitationSummary } from '../features/invitations/invitation-summary';
import {
  forgetInvitationToken,
  useInvitationToken,
} from '../features/invitations/invitation-token';
import { SignInToAccept } from '../features/invitations/sign-in-to-accept';
import { WrongAccount } from '../features/invitations/wrong-account';
import { Loading } from '../components/loading';

const TITLE = 'Invitation';

const codeOf = (error: unknown) => (error instanceof ApiError ? error.code : null);
const statusOf = (error: unknown) => (error instanceof ApiError ? error.status : null);

/**
 * Where an emailed invitation leads (`/invitations#token=…`): what it offers, and accepting it,
 * signing in or creating an account on the way when needed.
 */
export function InvitationPage() {
  const token = useInvitationToken();
  const lookup = useInvitationLookup(token);
  const session = useSession();
  const accept = useAcceptInvitation();
  const navigate = useNavigate();

  const invitation = lookup.data;
  const acceptCode = codeOf(accept.error);
  const ended: EndedStatus | null =
    invitation && invitation.status !== 'pending'
      ? invitation.status
      : (endedByCode[acceptCode ?? ''] ?? null);
  const unknownLink = statusOf(lookup.error) === 404;
  useEffect(() => {
    // The token can no longer be used: nothing to keep for a return from sign-in.
    if (ended || unknownLink) forgetInvitationToken();
  }, [ended, unknownLink]);

  if (!token) {
    return (
      <Page title={TITLE}>
        <Text>
          This page needs the link from your invitation email. Open the link in the email again; if
          it still does not work, ask the person who invited you to send a new invitation.
        </Text>
      </Page>
    );
  }
  if (lookup.isPending) {
    return (
      <Page title={TITLE}>
        <Loading label="Reading your invitation" />
      </Page>
    );
  }
  if (!invitation) {
    return (
      <Page title={TITLE} heading={unknownLink ? 'This invitation link does not work' : TITLE}>
        {unknownLink ? (
          <Text>
            The link may be incomplete: email programs sometimes cut long links. Open it again from
            the email, or ask the person who invited you to send a new invitation.
          </Text>
        ) : (
          <ErrorAlert error={lookup.error} title="Your invitation could not be read" />
        )}
      </Page>
    );
  }
  if (ended) {
    return (
      <Page title={TITLE} heading={endedTitle[ended]}>
        <InvitationEnded status={ended} invitedBy={invitation.invitedBy} />
        <InvitationSummary invitation={invitation} />
      </Page>
    );
  }

  const user = session.data;
  // A session that ended meanwhile answers 401: the same as being signed out.
  const signedOut = !user || statusOf(accept.error) === 401;
  const acceptNow = () =>
    accept.mutate(token, {
      onSuccess: async ({ next }) => {
        forgetInvitationToken();
        await navigate(safeNextPath(next) ?? '/', { replace: true });
      },
    });

  return (
    <Page title={TITLE} heading="You are invited">
      <InvitationSummary invitation={invitation} />
      {session.isPending ? (
        <Loading label="Loading your session" />
      ) : signedOut ? (
        <SignInToAccept invitation={invitation} token={token} />
      ) : acceptCode === 'invitation_wrong_account' ? (
        <WrongAccount invited={invitation.email} signedInAs={user.email} />
      ) : (
        <>
          {accept.isError ? (
            <ErrorAlert error={accept.error} title="The invitation was not accepted" />
          ) : null}
          <Text>
            You are signed in as <strong>{user.email}</strong>.
          </Text>
          <div>
            <Button onClick={acceptNow} loading={accept.isPending}>
              Accept invitation
            </Button>
          </div>
        </>
      )}
    </Page>
  );
}
