import { describe, expect, it } from 'vitest';
import { formatEventDays } from './event-dates';

describe('formatEventDays', () => {
  it('shows one day, a range, or nothing', () => {
    expect(formatEventDays('2026-03-03', null)).toMatch(/2026/);
    expect(formatEventDays('2026-03-03', '2026-03-03')).toBe(formatEventDays('2026-03-03', null));
    expect(formatEventDays('2026-03-03', '2026-03-05')).toMatch(/3.*5/);
    expect(formatEventDays(null, '2026-03-05')).toMatch(/^Until /);
    expect(formatEventDays(null, null)).toBeNull();
  });
});
