import { describe, expect, it } from 'vitest';
import { placesLeft, wouldWait } from './places';

describe('places of a kind', () => {
  it('are unlimited without a capacity', () => {
    expect(wouldWait({ capacity: null, confirmed: 500, waitlisted: 0 })).toBe(false);
    expect(placesLeft({ capacity: null, confirmed: 500, waitlisted: 0 })).toBe(
      'No limit on places',
    );
  });

  it('are counted while there is room', () => {
    expect(wouldWait({ capacity: 50, confirmed: 49, waitlisted: 0 })).toBe(false);
    expect(placesLeft({ capacity: 50, confirmed: 49, waitlisted: 0 })).toBe('1 place left of 50');
    expect(placesLeft({ capacity: 50, confirmed: 38, waitlisted: 0 })).toBe('12 places left of 50');
  });

  it('send newcomers to the waitlist when full, or while anyone is waiting', () => {
    expect(wouldWait({ capacity: 50, confirmed: 50, waitlisted: 0 })).toBe(true);
    expect(placesLeft({ capacity: 50, confirmed: 50, waitlisted: 0 })).toBe(
      'Full: new RSVPs join the waitlist',
    );
    // A capacity lowered under the confirmed count leaves no place either.
    expect(wouldWait({ capacity: 10, confirmed: 12, waitlisted: 0 })).toBe(true);
    // First come, first served: someone waiting gets a freed place before a newcomer.
    expect(wouldWait({ capacity: 50, confirmed: 49, waitlisted: 2 })).toBe(true);
    expect(placesLeft({ capacity: 50, confirmed: 49, waitlisted: 2 })).toBe(
      'Full: new RSVPs join the waitlist (2 waiting)',
    );
  });
});
