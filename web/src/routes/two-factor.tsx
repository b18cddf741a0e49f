import { useState } from 'react';
import { Alert, Anchor, Button, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { sessionKey, useSession } from '../api/session';
import { Page } from '../components/page';
import { Section } from '../components/section';
import { BackupCodes } from '../features/account/backup-codes';
import { PasswordConfirmForm } from '../features/account/password-confirm-form';
import { TwoFactorSetup } from '../features/account/two-factor-setup';
import { Loading } from '../components/loading';

/**
 * Two-factor authentication: set it up (QR code, first code, backup codes), make new backup
 * codes, or turn it off. People whose admin role needs it are kept here until it is on.
 */
export function TwoFactorPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Backup codes are shown once, right after they are made; the page keeps them until "Done".
  const [freshCodes, setFreshCodes] = useState<{ codes: string[]; justEnabled: boolean } | null>(
    null,
  );
  const refreshSession = () => queryClient.invalidateQueries({ queryKey: sessionKey });

  if (session.isPending) return <Loading label="Loading" />;
  const user = session.data;
  if (!user) {
    return (
      <Page title="Two-factor authentication">
        <Text>
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>{' '}
          to manage two-factor authentication.
        </Text>
      </Page>
    );
  }

  if (freshCodes?.justEnabled) {
    return (
      <Page title="Two-factor authentication" heading="Two-factor is on">
        <Alert color="green" title="Well done" role="status">
          From now on, signing in asks for a code from your app.
        </Alert>
        <Section title="Save your backup codes">
          <BackupCodes codes={freshCodes.codes} />
        </Section>
        <div>
          <Button
            onClick={async () => {
              // The session must say two-factor is on before leaving, or the app sends them back.
              await queryClient.refetchQueries({ queryKey: sessionKey });
              setFreshCodes(null);
              await navigate('/');
            }}
          >
            I have saved my codes
          </Button>
        </div>
      </Page>
    );
  }

  return (
    <Page title="Two-factor authentication">
      {user.mfaSetupRequired ? (
        <Alert color="yellow" title="Your admin role needs two-factor authentication">
          To keep the people and reports in your care safe, this Steward asks admins to sign in with
          a second step. Set up two-factor here to continue; until then, admin actions are refused.
          You can still sign out.
        </Alert>
      ) : null}
      {!user.twoFactorEnabled ? (
        <Section title="Set up two-factor">
          <TwoFactorSetup
            onEnabled={async (codes) => {
              setFreshCodes({ codes, justEnabled: true });
              await refreshSession();
            }}
          />
        </Section>
      ) : (
        <>
          <Text>
            Two-factor authentication is <strong>on</strong>: signing in asks for a code from your
            authenticator app, or a backup code.
          </Text>
          <Section title="Backup codes">
            {freshCodes ? (
              <BackupCodes codes={freshCodes.codes} />
            ) : (
              <>
                <Text size="sm">
                  Used some, or lost them? Make new ones: the old codes stop working at once.
                </Text>
                <PasswordConfirmForm
                  action="Make new backup codes"
                  failedTitle="No new codes were made"
                  send={(password) =>
                    api<{ backupCodes: string[] }>('/api/account/two-factor/backup-codes', {
                      method: 'POST',
                      body: { password },
                    })
                  }
                  onDone={(r) => setFreshCodes({ codes: r.backupCodes, justEnabled: false })}
                />
              </>
            )}
          </Section>
          <Section title="Turn off two-factor" danger>
            <Text size="sm">
              Signing in will need only your password. If you hold an admin role that requires
              two-factor, you will have to set it up again before you can use the role.
            </Text>
            <PasswordConfirmForm
              action="Turn off two-factor"
              color="red.8"
              failedTitle="Two-factor is still on"
              send={(password) =>
                api<void>('/api/account/two-factor/disable', { method: 'POST', body: { password } })
              }
              onDone={() => {
                setFreshCodes(null);
                void refreshSession();
              }}
            />
          </Section>
        </>
      )}
      {user.mfaSetupRequired ? null : (
        <Anchor component={Link} to="/account">
          Back to your account
        </Anchor>
      )}
    </Page>
  );
}
