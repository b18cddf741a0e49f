import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  systemRoles: string[];
}

export const sessionKey = ['session'] as const;
export const setupStatusKey = ['setup-status'] as const;

/** The signed-in user (null when signed out). */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: () => api<{ user: SessionUser | null }>('/api/auth/session').then((r) => r.user),
    staleTime: 60_000,
  });
}

/** Whether the installation still waits for its first system admin. */
export function useSetupStatus() {
  return useQuery({
    queryKey: setupStatusKey,
    queryFn: () => api<{ needed: boolean }>('/api/setup').then((r) => r.needed),
    staleTime: 60_000,
  });
}
