import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  systemRoles: string[];
  pronouns?: string | null;
  twoFactorEnabled?: boolean;
  /** The URL of their profile picture (it changes with each new picture), or null. */
  image?: string | null;
  /** The user holds an admin role that needs two-factor, and has not set it up yet. */
  mfaSetupRequired?: boolean;
}

export interface SessionInfo {
  user: SessionUser | null;
  /** Whether anyone may create an account, or only people with an invitation. */
  signUp?: 'open' | 'invite_only';
}

export const sessionKey = ['session'] as const;
export const setupStatusKey = ['setup-status'] as const;

const sessionQuery = {
  queryKey: sessionKey,
  queryFn: () => api<SessionInfo>('/api/auth/session'),
  staleTime: 60_000,
};

/** The signed-in user (null when signed out). */
export function useSession() {
  return useQuery({ ...sessionQuery, select: (info: SessionInfo) => info.user });
}

/** Whether this Steward lets anyone sign up ('open') or only invited people. */
export function useSignUpMode() {
  return useQuery({ ...sessionQuery, select: (info: SessionInfo) => info.signUp ?? 'open' });
}

/**
 * Drops everything cached for the person who was signed in (private location details, RSVPs, an
 * attendee list, reports…), so that nothing of theirs shows on this device after they leave, or
 * to the next person who signs in here, while pages load again.
 */
export function forgetPersonalData(queryClient: QueryClient) {
  queryClient.removeQueries({
    predicate: (q) => q.queryKey[0] !== sessionKey[0] && q.queryKey[0] !== setupStatusKey[0],
  });
}

/** After signing out (or the session ending): nobody is signed in, until the server says more. */
export async function forgetSession(queryClient: QueryClient) {
  forgetPersonalData(queryClient);
  queryClient.setQueryData<SessionInfo>(sessionKey, (old) => ({ ...old, user: null }));
  await queryClient.invalidateQueries({ queryKey: sessionKey });
}

/** Signs out; afterwards the app knows nobody is signed in, and `then` runs (a navigation). */
export function useSignOut(then?: () => void | Promise<void>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/auth/sign-out', { method: 'POST' }),
    onSuccess: async () => {
      await forgetSession(queryClient);
      await then?.();
    },
  });
}

/** Puts a changed profile into the cached session, so the header and pages show it at once. */
export function updateSessionUser(queryClient: QueryClient, change: Partial<SessionUser>) {
  queryClient.setQueryData<SessionInfo>(sessionKey, (old) =>
    old?.user ? { ...old, user: { ...old.user, ...change } } : old,
  );
}

/** Whether the installation still waits for its first system admin. */
export function useSetupStatus() {
  return useQuery({
    queryKey: setupStatusKey,
    queryFn: () => api<{ needed: boolean }>('/api/setup').then((r) => r.needed),
    staleTime: 60_000,
  });
}
