import { describe, expect, it } from 'vitest';
import { aLocation } from '../rsvps/test-fixtures';
import { locationLine } from './location-line';

describe('a location in one line', () => {
  it('names it, with its address on one line and its region', () => {
    const location = aLocation({ address: 'Schönhauser Allee 36\n  10435 Berlin\n' });
    expect(locationLine(location)).toBe(
      'Kulturbrauerei, Schönhauser Allee 36, 10435 Berlin (Berlin)',
    );
    expect(locationLine(location, { named: false })).toBe(
      'Schönhauser Allee 36, 10435 Berlin (Berlin)',
    );
  });

  it('says what is known, and nothing for what is not', () => {
    expect(locationLine(aLocation({ address: '', region: null }))).toBe('Kulturbrauerei');
    expect(locationLine(aLocation({ address: '' }), { named: false })).toBe('Berlin');
    expect(locationLine(aLocation({ address: ' ', region: null }), { named: false })).toBe('');
  });
});
