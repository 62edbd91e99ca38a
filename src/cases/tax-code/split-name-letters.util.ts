const VOWELS = 'AEIOU';

export interface NameLetters {
  consonants: string;
  vowels: string;
}

/**
 * The consonants and the vowels of a surname or first name, in order, as the tax code counts
 * them: accents dropped (Niccolò → NICCOLO), apostrophes, spaces, hyphens and other non-letters
 * ignored (D'Angelo → DANGELO), upper case. J, K, W, X and Y count as consonants; letters with
 * no Latin base (e.g. ß, Ø) are ignored.
 */
export function splitNameLetters(text: string): NameLetters {
  const letters = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  let consonants = '';
  let vowels = '';
  for (const letter of letters) {
    if (VOWELS.includes(letter)) {
      vowels += letter;
    } else {
      consonants += letter;
    }
  }
  return { consonants, vowels };
}
