import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { sessionKey } from './session';

export type SystemRole = 'system_admin' | 'publisher';
export const systemRoles: readonly SystemRole[] = ['system_admin', 'publisher'];
export type UserStatus = 'active' | 'unverified' | 'deactivated' | 'deleted';

/** A person as `GET /api/admin/users` describes them, with what the admin may do with them. */
export interface AdminUser {
  id: string;
  name: string;
  email: string;
  status: UserStatus;
  twoFactorEnabled: boolean;
  systemRoles: SystemRole[];
  createdAt: string;
  deactivatedAt: string | null;
  isYou: boolean;
  can: {
    deactivate: boolean;
    reactivate: boolean;
    resetTwoFactor: boolean;
    grant: SystemRole[];
    revoke: SystemRole[];
  };
}

export interface AdminUserPage {
  items: AdminUser[];
  page: number;
  pageSize: number;
  total: number;
}

const usersKey = ['admin', 'users'] as const;

/** One page of the people search (system admins only). */
export function useAdminUsers(q: string, page: number, opts: { enabled: boolean }) {
  const params = new URLSearchParams({ page: String(page) });
  if (q) params.set('q', q);
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...usersKey, q, page],
    queryFn: () => api<AdminUserPage>(`/api/admin/users?${params.toString()}`),
    placeholderData: keepPreviousData,
  });
}

/** A change to one user; the request it makes and the words that describe it. */
export type UserChange =
  | { kind: 'deactivate' | 'reactivate' | 'reset-two-factor' }
  | { kind: 'grant' | 'revoke'; role: SystemRole };

function request(userId: string, change: UserChange) {
  const base = `/api/admin/users/${encodeURIComponent(userId)}`;
  switch (change.kind) {
    case 'grant':
      return { path: `${base}/system-roles/${change.role}`, method: 'PUT' };
    case 'revoke':
      return { path: `${base}/system-roles/${change.role}`, method: 'DELETE' };
    default:
      return { path: `${base}/${change.kind}`, method: 'POST' };
  }
}

/** Makes one change to a user; the list shows the user as the server answers afterwards. */
export function useChangeUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      user,
      change,
      reason,
    }: {
      user: AdminUser;
      change: UserChange;
      reason: string;
    }) => {
      const { path, method } = request(user.id, change);
      return api<{ user: AdminUser }>(path, { method, body: { reason: reason.trim() || null } });
    },
    onSuccess: async ({ user }) => {
      queryClient.setQueriesData<AdminUserPage>({ queryKey: usersKey }, (old) =>
        old ? { ...old, items: old.items.map((u) => (u.id === user.id ? user : u)) } : old,
      );
      // Abilities of others may change too (the last system admin), so ask again.
      await queryClient.invalidateQueries({ queryKey: usersKey });
    },
  });
}

interface Setting<T> {
  value: T;
  default: T;
  explanation: string;
}

export interface SystemSettings {
  signUp: Setting<'open' | 'invite_only'> & { choices: ('open' | 'invite_only')[] };
  requireMfaForAdmins: Setting<boolean>;
}

export type SystemSettingsChange = Partial<{
  signUp: SystemSettings['signUp']['value'];
  requireMfaForAdmins: boolean;
}>;

const settingsKey = ['admin', 'settings'] as const;

/** The system settings with their explanations (system admins only). */
export function useSystemSettings(opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: settingsKey,
    queryFn: () => api<{ settings: SystemSettings }>('/api/admin/settings').then((r) => r.settings),
  });
}

/** Saves changed system settings. */
export function useSaveSystemSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: SystemSettingsChange) =>
      api<{ settings: SystemSettings }>('/api/admin/settings', { method: 'PATCH', body: change }),
    onSuccess: async ({ settings }) => {
      queryClient.setQueryData(settingsKey, settings);
      // The sign-up mode is part of the session answer (the sign-up page reads it).
      await queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
}
