import { describe, expect, it } from 'vitest';
import { SLUG_MAX_LENGTH, SLUG_PATTERN, slugFromName } from './slug';

describe('slugFromName', () => {
  it('keeps lowercase letters and digits, joined by single hyphens', () => {
    expect(slugFromName('Café Berlin 2026!')).toBe('cafe-berlin-2026');
    expect(slugFromName('  --Rust & Friends--  ')).toBe('rust-friends');
    expect(slugFromName('東京')).toBe('');
  });

  it('stays within the length the server takes, without a trailing hyphen', () => {
    const slug = slugFromName(`${'a'.repeat(59)} b`);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug).toMatch(SLUG_PATTERN);
  });
});
