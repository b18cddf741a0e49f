import { describe, expect, it } from 'vitest';
import { isOver } from './event-over';

// 23:30 on 5 June in UTC is already 6 June in Tokyo, and still 5 June in Los Angeles.
const now = new Date('2026-06-05T23:30:00.000Z');

describe('an event is over', () => {
  it('once its last day has passed in its own time zone', () => {
    const until5 = { startsOn: '2026-06-03', endsOn: '2026-06-05' };
    expect(isOver({ ...until5, timeZone: 'Asia/Tokyo' }, now)).toBe(true);
    expect(isOver({ ...until5, timeZone: 'America/Los_Angeles' }, now)).toBe(false);
    expect(isOver({ ...until5, timeZone: 'UTC' }, now)).toBe(false);
  });

  it('by its start day when it has no end, and never without dates', () => {
    expect(isOver({ startsOn: '2026-06-04', endsOn: null, timeZone: 'UTC' }, now)).toBe(true);
    expect(isOver({ startsOn: null, endsOn: null, timeZone: 'UTC' }, now)).toBe(false);
  });
});
