import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { forgetPersonalData, forgetSession, sessionKey, setupStatusKey } from './session';

function filledCache() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(sessionKey, { user: { id: 'u1', name: 'Rita Regionleader' } });
  queryClient.setQueryData(setupStatusKey, { needed: false });
  queryClient.setQueryData(['location', 'l1'], { privateDetails: { notes: 'Key under the mat' } });
  queryClient.setQueryData(['my-rsvps'], { items: [{ id: 'r1' }] });
  return queryClient;
}

describe('leaving a device', () => {
  it('signing out drops what was cached for the person, keeping only who is signed in', async () => {
    const queryClient = filledCache();
    await forgetSession(queryClient);
    expect(queryClient.getQueryData(['location', 'l1'])).toBeUndefined();
    expect(queryClient.getQueryData(['my-rsvps'])).toBeUndefined();
    expect(queryClient.getQueryData(sessionKey)).toMatchObject({ user: null });
    expect(queryClient.getQueryData(setupStatusKey)).toEqual({ needed: false });
  });

  it('signing in starts from an empty cache too', () => {
    const queryClient = filledCache();
    forgetPersonalData(queryClient);
    expect(
      queryClient
        .getQueryCache()
        .getAll()
        .map((q) => q.queryKey[0]),
    ).toEqual([sessionKey[0], setupStatusKey[0]]);
  });
});
