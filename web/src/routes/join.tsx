import { useEffect } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useInviteLinkLookup, useRedeemInviteLink } from '../api/joining';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { safeNextPath, withNext } from '../features/auth/next-path';
import {
  endedLinkByCode,
  endedLinkTitle,
  InviteLinkEnded,
  type EndedLinkStatus,
} from '../features/invitations/invite-link-ended';
import { InviteLinkOfferSummary } from '../features/invitations/invite-link-offer';
import { forgetJoinToken, useJoinToken } from '../features/invitations/join-token';

const TITLE = 'Join';
const HERE = '/join';

const codeOf = (error: unknown) => (error instanceof ApiError ? error.code : null);
const statusOf = (error: unknown) => (error instanceof ApiError ? error.status : null);

/**
 * Where an invite link leads (`/join#token=…`): what it offers, and joining, signing in or
 * creating an account on the way when needed (the token waits in this tab meanwhile).
 */
export function JoinPage() {
  const token = useJoinToken();
  const lookup = useInviteLinkLookup(token);
  const session = useSession();
  const redeem = useRedeemInviteLink();
  const navigate = useNavigate();

  const offer = lookup.data;
  const ended: EndedLinkStatus | null =
    offer && offer.status !== 'active'
      ? offer.status
      : (endedLinkByCode[codeOf(redeem.error) ?? ''] ?? null);
  const unknownLink = statusOf(lookup.error) === 404;
  useEffect(() => {
    // The link can no longer be used: nothing to keep for a return from sign-in.
    if (ended || unknownLink) forgetJoinToken();
  }, [ended, unknownLink]);

  if (!token) {
    return (
      <Page title={TITLE}>
        <Text>
          This page needs the whole invite link someone shared with you. Open it again; if it still
          does not work, ask them for a new one.
        </Text>
      </Page>
    );
  }
  if (lookup.isPending) {
    return (
      <Page title={TITLE}>
        <Loading label="Reading your invite link" />
      </Page>
    );
  }
  if (!offer) {
    return (
      <Page title={TITLE} heading={unknownLink ? 'This invite link does not work' : TITLE}>
        {unknownLink ? (
          <Text>
            The link may be incomplete: chat and email programs sometimes cut long links. Copy it
            again, whole, or ask whoever shared it for a new one.
          </Text>
        ) : (
          <ErrorAlert error={lookup.error} title="Your invite link could not be read" />
        )}
      </Page>
    );
  }
  if (ended) {
    return (
      <Page title={TITLE} heading={endedLinkTitle[ended]}>
        <InviteLinkEnded status={ended} />
        <InviteLinkOfferSummary offer={offer} />
      </Page>
    );
  }

  const user = session.data;
  // A session that ended meanwhile answers 401: the same as being signed out.
  const signedOut = !user || statusOf(redeem.error) === 401;
  const join = () =>
    redeem.mutate(token, {
      onSuccess: async ({ next }) => {
        forgetJoinToken();
        await navigate(safeNextPath(next) ?? '/', { replace: true });
      },
    });

  return (
    <Page title={TITLE} heading={`Join ${offer.scope.name}`}>
      <InviteLinkOfferSummary offer={offer} />
      {session.isPending ? (
        <Loading label="Loading your session" />
      ) : signedOut ? (
        <SignInToJoin token={token} />
      ) : (
        <>
          {redeem.isError ? <ErrorAlert error={redeem.error} title="You did not join" /> : null}
          <Text>
            You are signed in as <strong>{user.email}</strong>.
          </Text>
          <div>
            <Button onClick={join} loading={redeem.isPending}>
              Join
            </Button>
          </div>
        </>
      )}
    </Page>
  );
}

/**
 * For someone signed out: sign in, or create an account, and come back. The sign-up page is
 * handed the link's token (`state.inviteLink`), which lets a newcomer sign up even where sign-up
 * is by invitation only.
 */
function SignInToJoin({ token }: { token: string }) {
  return (
    <>
      <Text>To join, sign in or create an account. You come back to this page afterwards.</Text>
      <Group gap="sm">
        <Button component={Link} to={withNext('/sign-in', HERE)}>
          Sign in
        </Button>
        <Button
          component={Link}
          to={withNext('/sign-up', HERE)}
          state={{ inviteLink: token }}
          variant="default"
        >
          Create an account
        </Button>
      </Group>
    </>
  );
}
