import { describe, expect, it } from 'vitest';
import { partsOf } from './plan.js';

// Each lane of the load makes one part of the events: together the parts must be every event,
// once each, or a lane would make an event's reports twice or not at all.
describe('partsOf', () => {
  const covered = (events: number, count: number) =>
    partsOf(events, count).flatMap((p) =>
      Array.from({ length: p.to - p.from + 1 }, (_, i) => p.from + i),
    );

  it('cuts the events into consecutive parts of nearly equal size, each once', () => {
    expect(partsOf(2000, 2)).toEqual([
      { index: 0, from: 1, to: 1000 },
      { index: 1, from: 1001, to: 2000 },
    ]);
    expect(partsOf(7, 2)).toEqual([
      { index: 0, from: 1, to: 4 },
      { index: 1, from: 5, to: 7 },
    ]);
    for (const [events, count] of [
      [1, 1],
      [3, 2],
      [20, 3],
      [20001, 2],
    ] as const) {
      expect(covered(events, count)).toEqual(Array.from({ length: events }, (_, i) => i + 1));
    }
  });

  it('leaves out a part that would hold no event, so each index has a lane', () => {
    expect(partsOf(1, 2)).toEqual([{ index: 0, from: 1, to: 1 }]);
  });
});
