import { splitNameLetters } from './split-name-letters.util';

describe('splitNameLetters', () => {
  it.each([
    ['Rossi', 'RSS', 'OI'],
    ["D'Angelo", 'DNGL', 'AEO'],
    ['D’Angelo', 'DNGL', 'AEO'], // typographic apostrophe
    ['Niccolò', 'NCCL', 'IOO'],
    ['José María', 'JSMR', 'OEAIA'],
    ['De Luca-Ferri', 'DLCFRR', 'EUAEI'],
    ['Kyle Wax', 'KYLWX', 'EA'], // J K W X Y are consonants
    ['Søren', 'SRN', 'E'], // Ø has no Latin base letter: ignored
    ['', '', ''],
  ])('%s → consonants %s, vowels %s', (text, consonants, vowels) => {
    expect(splitNameLetters(text)).toEqual({ consonants, vowels });
  });
});
