import { firstNameCode } from './first-name-code.util';

describe('firstNameCode', () => {
  it.each([
    ['Niccolò', 'NCL'], // N C C L: 1st, 3rd, 4th
    ['Gianluca', 'GLC'], // G N L C
    ['Maria Chiara', 'MCH'], // M R C H R: all first names together
    ['Jean-Luc', 'JLC'],
    ['Marco', 'MRC'], // exactly three consonants: as they are
    ['Paolo', 'PLA'],
    ['Laura', 'LRA'],
    ['Anna', 'NNA'],
    ['Ada', 'DAA'], // one consonant, then the vowels
    ['Eva', 'VEA'],
    ['Ugo', 'GUO'],
    ['Zoë', 'ZOE'],
    ['Li', 'LIX'], // then X
    ['Fo', 'FOX'],
    ['Ai', 'AIX'],
    ['', 'XXX'],
  ])('%s → %s', (name, expected) => {
    expect(firstNameCode(name)).toBe(expected);
  });
});
