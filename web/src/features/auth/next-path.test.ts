import { describe, expect, it } from 'vitest';
import { safeNextPath, withNext } from './next-path';

describe('safeNextPath', () => {
  it('takes a path of this app', () => {
    expect(safeNextPath('/invitations')).toBe('/invitations');
    expect(safeNextPath('/events/1?tab=a#b')).toBe('/events/1?tab=a#b');
  });

  it('refuses anything a browser would take to another site', () => {
    for (const next of [
      '//evil.example',
      '//evil.example/invitations',
      '/\\evil.example',
      'https://evil.example',
      'http://evil.example/',
      'javascript:alert(1)',
      'evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '',
      null,
      undefined,
    ]) {
      expect(safeNextPath(next)).toBeNull();
    }
  });

  it('puts the path in the query of a link', () => {
    expect(withNext('/sign-in', '/invitations')).toBe('/sign-in?next=%2Finvitations');
    expect(withNext('/sign-in', null)).toBe('/sign-in');
  });
});
