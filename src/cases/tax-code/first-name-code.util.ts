import { splitNameLetters } from './split-name-letters.util';

/**
 * The three first-name letters of a tax code: with four or more consonants the first, third
 * and fourth (Niccolò → NCL, Gianluca → GLC); otherwise as for the surname: consonants, vowels,
 * then X (Ada → DAA, Li → LIX). All first names count together (Maria Chiara → MCH).
 */
export function firstNameCode(name: string): string {
  const { consonants, vowels } = splitNameLetters(name);
  if (consonants.length >= 4) {
    return consonants[0] + consonants[2] + consonants[3];
  }
  return `${consonants}${vowels}XXX`.slice(0, 3);
}
