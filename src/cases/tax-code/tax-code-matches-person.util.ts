import { firstNameCode } from './first-name-code.util';
import { parseTaxCode } from './parse-tax-code.util';
import { surnameCode } from './surname-code.util';
import { TaxCodeSex } from './tax-code.types';

/** What the desk knows of the person; only the fields given are compared. */
export interface TaxCodePerson {
  surname?: string;
  name?: string;
  /** YYYY-MM-DD. */
  birthDate?: string;
  sex?: TaxCodeSex;
}

export interface TaxCodePersonMismatch {
  field: 'taxCode' | keyof TaxCodePerson;
  /** In Italian, for the person at the desk. */
  message: string;
}

export interface TaxCodePersonCheck {
  matches: boolean;
  mismatches: TaxCodePersonMismatch[];
}

const SEX_WORDS: Record<TaxCodeSex, string> = { F: 'femminile', M: 'maschile' };

const toItalianDate = (isoDate: string): string => isoDate.split('-').reverse().join('/');

function isRealDate(isoDate: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    return false;
  }
  const date = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(isoDate);
}

/**
 * Whether a person's tax code agrees with the data typed at the desk: the surname and name
 * letters, the birth date (day, month and the year's last two digits: the code has no
 * century) and the sex. Meant to catch typos, as a warning: a code issued by the Agenzia delle
 * Entrate stays the person's code even when it does not follow from their data (errors at
 * issue, later changes of name or sex, foreign names transliterated differently). The place
 * of birth is not compared (no municipality table here).
 */
export function taxCodeMatchesPerson(taxCode: string, person: TaxCodePerson): TaxCodePersonCheck {
  const parsed = parseTaxCode(taxCode);
  if (!parsed.ok) {
    return { matches: false, mismatches: [{ field: 'taxCode', message: parsed.message }] };
  }
  const mismatches: TaxCodePersonMismatch[] = [];

  if (person.surname !== undefined) {
    const expected = surnameCode(person.surname);
    const actual = parsed.taxCode.slice(0, 3);
    if (expected !== actual) {
      mismatches.push({
        field: 'surname',
        message: `Il cognome «${person.surname}» dà le lettere ${expected}, ma il codice fiscale riporta ${actual}.`,
      });
    }
  }
  if (person.name !== undefined) {
    const expected = firstNameCode(person.name);
    const actual = parsed.taxCode.slice(3, 6);
    if (expected !== actual) {
      mismatches.push({
        field: 'name',
        message: `Il nome «${person.name}» dà le lettere ${expected}, ma il codice fiscale riporta ${actual}.`,
      });
    }
  }
  if (person.birthDate !== undefined) {
    if (!isRealDate(person.birthDate)) {
      mismatches.push({
        field: 'birthDate',
        message: `La data di nascita «${person.birthDate}» non è una data valida (formato AAAA-MM-GG).`,
      });
    } else if (person.birthDate.slice(2) !== parsed.birthDate.slice(2)) {
      mismatches.push({
        field: 'birthDate',
        message: `La data di nascita ${toItalianDate(person.birthDate)} non corrisponde a quella del codice fiscale (${toItalianDate(parsed.birthDate)}).`,
      });
    }
  }
  if (person.sex !== undefined && person.sex !== parsed.sex) {
    mismatches.push({
      field: 'sex',
      message: `Il sesso indicato (${SEX_WORDS[person.sex]}) non corrisponde a quello del codice fiscale (${SEX_WORDS[parsed.sex]}).`,
    });
  }

  return { matches: mismatches.length === 0, mismatches };
}
