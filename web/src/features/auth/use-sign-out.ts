import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { forgetSession } from '../../api/session';

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
