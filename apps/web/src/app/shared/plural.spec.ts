import { plural } from './plural';

describe('plural', () => {
  it('uses the singular for exactly one, the plural otherwise', () => {
    expect(plural(1, 'booking')).toBe('1 booking');
    expect(plural(0, 'booking')).toBe('0 bookings');
    expect(plural(2, 'place')).toBe('2 places');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(12, 'entry', 'entries')).toBe('12 entries');
  });
});
