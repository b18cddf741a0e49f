import type { Executor } from '../../db/connection.js';
import { enqueueEmail } from '../email/service.js';
import { renderEmail } from '../email/template.js';

// The emails of account security. Tokens travel in the URL fragment (`#token=`), which browsers
// never send to a server: a link cannot leak into access logs, proxies or a Referer header.

interface Recipient {
  id: string;
  name: string;
  email: string;
}

const link = (publicUrl: string, page: string, token: string) =>
  `${publicUrl}/${page}#token=${encodeURIComponent(token)}`;

/** "Confirm your email address", after sign-up or on a request for a new link. */
export async function sendVerificationEmail(
  tx: Executor,
  publicUrl: string,
  user: Recipient,
  token: string,
  toAddress = user.email,
): Promise<void> {
  const changing = toAddress !== user.email;
  await enqueueEmail(tx, {
    to: toAddress,
    userId: user.id,
    kind: changing ? 'auth.email_change' : 'auth.verify_email',
    ...renderEmail({
      subject: changing ? 'Confirm your new email address' : 'Confirm your email address',
      greeting: `Hello ${user.name},`,
      paragraphs: [
        changing
          ? `Please confirm that you want to use ${toAddress} for your Steward account.`
          : 'Please confirm your email address to finish creating your Steward account.',
        'The link expires in 24 hours.',
      ],
      action: { label: 'Confirm email address', url: link(publicUrl, 'verify-email', token) },
      footer: 'If you did not ask for this, ignore this email: nothing changes without the link.',
    }),
  });
}

/** "Reset your password": the single-use link. */
export async function sendPasswordResetEmail(
  tx: Executor,
  publicUrl: string,
  user: Recipient,
  token: string,
): Promise<void> {
  await enqueueEmail(tx, {
    to: user.email,
    userId: user.id,
    kind: 'auth.password_reset',
    ...renderEmail({
      subject: 'Reset your Steward password',
      greeting: `Hello ${user.name},`,
      paragraphs: [
        'Someone asked to reset the password of your Steward account. If it was you, choose a new password with the link below. It works once and expires in one hour.',
        'Resetting your password signs you out everywhere.',
      ],
      action: { label: 'Choose a new password', url: link(publicUrl, 'reset-password', token) },
      footer: 'If you did not ask for this, ignore this email: your password stays as it is.',
    }),
  });
}

/**
 * Sign-up with an address that already has an account answers exactly like a new sign-up, so
 * the answer reveals nothing; the owner of the address is told here instead.
 */
export async function sendExistingAccountEmail(
  tx: Executor,
  publicUrl: string,
  user: Recipient,
): Promise<void> {
  await enqueueEmail(tx, {
    to: user.email,
    userId: user.id,
    kind: 'auth.existing_account',
    ...renderEmail({
      subject: 'You already have a Steward account',
      greeting: `Hello ${user.name},`,
      paragraphs: [
        'Someone tried to create a Steward account with this email address, which already has one.',
        'If it was you, sign in instead, or reset your password if you have forgotten it.',
      ],
      action: { label: 'Sign in', url: `${publicUrl}/sign-in` },
      footer: 'If it was not you, you can ignore this email. Your account has not changed.',
    }),
  });
}
