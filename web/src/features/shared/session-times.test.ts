import { describe, expect, it } from 'vitest';
import { formatClockTime, formatSessionTime } from './session-times';

describe('session times', () => {
  it('are said in the event’s time zone, not the reader’s', () => {
    const berlin = formatSessionTime(
      '2026-06-03T08:00:00.000Z',
      '2026-06-03T10:30:00.000Z',
      'Europe/Berlin',
    );
    const tokyo = formatSessionTime(
      '2026-06-03T08:00:00.000Z',
      '2026-06-03T10:30:00.000Z',
      'Asia/Tokyo',
    );
    expect(berlin).toMatch(/10:00/);
    expect(berlin).toMatch(/12:30/);
    expect(tokyo).toMatch(/5:00/);
    expect(tokyo).toMatch(/7:30/);
  });

  it('say the day again when a session ends on another', () => {
    const weekday = (iso: string) =>
      new Date(iso).toLocaleDateString(undefined, { weekday: 'short', timeZone: 'Europe/Berlin' });
    const overnight = formatSessionTime(
      '2026-06-03T20:00:00.000Z',
      '2026-06-04T01:00:00.000Z',
      'Europe/Berlin',
    );
    expect(overnight).toContain(weekday('2026-06-03T20:00:00.000Z'));
    expect(overnight).toContain(weekday('2026-06-04T01:00:00.000Z'));
    const sameDay = formatSessionTime(
      '2026-06-03T08:00:00.000Z',
      '2026-06-03T10:00:00.000Z',
      'Europe/Berlin',
    );
    expect(sameDay).not.toContain(weekday('2026-06-04T01:00:00.000Z'));
  });
});

describe('a time zone this browser does not know', () => {
  it('is said in UTC, named, rather than breaking the page', () => {
    const said = formatSessionTime(
      '2026-06-03T08:00:00.000Z',
      '2026-06-03T10:30:00.000Z',
      'Mars/Olympus_Mons',
    );
    expect(said).toMatch(/8:00/);
    expect(said).toMatch(/10:30/);
    expect(said).toMatch(/ UTC$/);
    expect(formatClockTime('2026-06-03T08:05:00.000Z', 'Mars/Olympus_Mons')).toMatch(
      /08:05.* UTC$/,
    );
  });
});

describe('the time of day', () => {
  it('is on the event’s clock', () => {
    expect(formatClockTime('2026-06-03T08:05:00.000Z', 'Europe/Berlin')).toMatch(/10:05/);
    expect(formatClockTime('2026-06-03T08:05:00.000Z', 'Asia/Tokyo')).toMatch(/17:05|05:05/);
  });
});
