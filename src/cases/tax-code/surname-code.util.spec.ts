import { surnameCode } from './surname-code.util';

describe('surnameCode', () => {
  it.each([
    ['Rossi', 'RSS'],
    ['Bianchi', 'BNC'], // first three consonants
    ['Verdi', 'VRD'],
    ['Aiello', 'LLA'], // two consonants, then the first vowel
    ['Fo', 'FOX'], // one consonant, one vowel, then X
    ['Li', 'LIX'],
    ['Oe', 'OEX'],
    ['Yu', 'YUX'], // Y is a consonant
    ["D'Angelo", 'DNG'],
    ['Dell’Orto', 'DLL'],
    ['De Luca', 'DLC'], // all words together
    ['Niccolò', 'NCC'], // a surname takes the first three, not 1st, 3rd, 4th
    ['Mùrgia', 'MRG'],
    ['', 'XXX'],
  ])('%s → %s', (surname, expected) => {
    expect(surnameCode(surname)).toBe(expected);
  });
});
