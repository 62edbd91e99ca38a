import { splitNameLetters } from './split-name-letters.util';

/**
 * The three surname letters of a tax code: the consonants in order, then the vowels, then X
 * when the surname is short (Rossi → RSS, D'Angelo → DNG, Fo → FOX). For married women the
 * surname is the one from birth.
 */
export function surnameCode(surname: string): string {
  const { consonants, vowels } = splitNameLetters(surname);
  return `${consonants}${vowels}XXX`.slice(0, 3);
}
