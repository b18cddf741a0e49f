import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.js';

// About 49,000 passwords people choose most often, from a maintained password-strength project
// (zxcvbn-ts), compared case-insensitively. Length alone lets "qwertyuiopasdfgh" through.
const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/**
 * Why a new password is refused, in words for the person choosing it, or null when it is fine.
 * Used wherever a password is set (sign-up, reset, change, setup) through `newPasswordInput`.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  }
  if (common.has(password.toLowerCase())) {
    return 'This password is one of the most common ones. Choose one that is harder to guess.';
  }
  return null;
}
