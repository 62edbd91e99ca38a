import { taxCodeCheckCharacter } from '../tax-code-check-character.util';

/** Test-only: fictitious people's codes, never real ones. */
export interface FictitiousPerson {
  /** The six surname and name letters, already coded (e.g. 'VRDPLA' for Verdi Paolo). */
  letters: string;
  /** YYYY-MM-DD; only the year's last two digits go in the code. */
  birthDate: string;
  sex: 'F' | 'M';
  /** Belfiore code, e.g. 'H501' (Roma), 'F205' (Milano), 'Z110' (Francia). */
  placeCode: string;
  /**
   * How many digits to replace with omocodia letters, from the right as the Agenzia does:
   * 1 replaces the 15th character, 2 the 14th and 15th, … 7 all of 7, 8, 10, 11, 13, 14, 15.
   */
  omocodia?: number;
}

const MONTH_LETTERS = 'ABCDEHLMPRST';
const OMOCODIA_LETTERS = 'LMNPQRSTUV';
/** Zero-based digit positions, right to left. */
const REPLACEABLE = [14, 13, 12, 10, 9, 7, 6];

/**
 * Builds a person's 16-character tax code from its parts. The check character comes from
 * `taxCodeCheckCharacter`, whose own spec checks it against sums worked out by hand.
 */
export function buildPersonTaxCode(person: FictitiousPerson): string {
  const [year, month, day] = person.birthDate.split('-').map(Number);
  const dayCode = person.sex === 'F' ? day + 40 : day;
  const characters = [
    ...person.letters,
    ...String(year % 100).padStart(2, '0'),
    MONTH_LETTERS[month - 1],
    ...String(dayCode).padStart(2, '0'),
    ...person.placeCode,
  ];
  for (const position of REPLACEABLE.slice(0, person.omocodia ?? 0)) {
    characters[position] = OMOCODIA_LETTERS[Number(characters[position])];
  }
  const first15 = characters.join('');
  return first15 + taxCodeCheckCharacter(first15);
}
