import { nextMonday } from './next-monday.util';

describe('nextMonday', () => {
  it('is the first day of the following week, Monday to Sunday', () => {
    expect(nextMonday('2026-07-06')).toBe('2026-07-13'); // Monday
    expect(nextMonday('2026-07-08')).toBe('2026-07-13'); // Wednesday
    expect(nextMonday('2026-07-12')).toBe('2026-07-13'); // Sunday
  });

  it('crosses month and year ends', () => {
    expect(nextMonday('2026-12-31')).toBe('2027-01-04');
    expect(nextMonday('2028-02-28')).toBe('2028-03-06');
  });

  it('refuses a date that does not exist', () => {
    expect(() => nextMonday('2026-02-30')).toThrow(RangeError);
  });
});
