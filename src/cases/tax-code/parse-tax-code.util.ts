import { decodeOmocodia } from './decode-omocodia.util';
import { normaliseTaxCode } from './normalise-tax-code.util';
import { numericTaxCodeCheckDigit } from './numeric-tax-code-check-digit.util';
import { taxCodeCheckCharacter } from './tax-code-check-character.util';
import {
  LegalEntityTaxCode,
  PersonTaxCodeResult,
  TaxCodeFailure,
  TaxCodeFailureReason,
  TaxCodeOptions,
  TaxCodeResult,
} from './tax-code.types';

/** Month letters, January to December. */
const MONTH_LETTERS = 'ABCDEHLMPRST';

const LETTER = 'una lettera';
const DIGIT = 'una cifra (o una delle lettere L, M, N, P, Q, R, S, T, U, V in caso di omocodia)';

/** What each of the 16 positions holds, for the structure check and its message. */
const LAYOUT: { pattern: RegExp; expected: string }[] = [
  ...Array.from({ length: 6 }, () => ({ pattern: /[A-Z]/, expected: LETTER })),
  { pattern: /[0-9L-NP-V]/, expected: DIGIT },
  { pattern: /[0-9L-NP-V]/, expected: DIGIT },
  { pattern: /[A-Z]/, expected: LETTER },
  { pattern: /[0-9L-NP-V]/, expected: DIGIT },
  { pattern: /[0-9L-NP-V]/, expected: DIGIT },
  { pattern: /[A-Z]/, expected: LETTER },
  { pattern: /[0-9L-NP-V]/, expected: DIGIT },
  { pattern: /[0-9L-NP-V]/, expected: DIGIT },
  { pattern: /[0-9L-NP-V]/, expected: DIGIT },
  { pattern: /[A-Z]/, expected: LETTER },
];

function failure(reason: TaxCodeFailureReason, message: string): TaxCodeFailure {
  return { ok: false, reason, message };
}

const pad = (n: number): string => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids any time-zone shift.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The four-digit year: the latest century that does not put the birth after the reference day. */
function inferYear(twoDigitYear: number, month: number, day: number, reference: Date): number {
  const referenceYear = reference.getFullYear();
  let year = referenceYear - (referenceYear % 100) + twoDigitYear;
  const after =
    year > referenceYear ||
    (year === referenceYear &&
      (month > reference.getMonth() + 1 ||
        (month === reference.getMonth() + 1 && day > reference.getDate())));
  if (after) {
    year -= 100;
  }
  return year;
}

function parseLegalEntity(taxCode: string): LegalEntityTaxCode | TaxCodeFailure {
  if (/^0{7}/.test(taxCode)) {
    return failure(
      'invalid-structure',
      'Il codice fiscale numerico non è valido: le prime sette cifre non possono essere tutte zero.',
    );
  }
  if (numericTaxCodeCheckDigit(taxCode.slice(0, 10)) !== taxCode[10]) {
    return failure(
      'check-character-mismatch',
      'Il carattere di controllo non corrisponde: verificare il codice fiscale.',
    );
  }
  return { ok: true, kind: 'legal-entity', taxCode };
}

/**
 * Validates and reads an Italian tax code (codice fiscale). The input is normalised (spaces
 * removed, upper case); a person's code must have the 16-character layout, a real birth date
 * and the right check character (DM 23/12/1976), with omocodia letters accepted in place of
 * digits. The 11-digit numeric code of legal entities is accepted only with `allowLegalEntity`.
 * Failures carry a reason code and an Italian message for the person at the desk.
 */
export function parseTaxCode(
  input: unknown,
  options?: TaxCodeOptions & { allowLegalEntity?: false },
): PersonTaxCodeResult;
export function parseTaxCode(input: unknown, options: TaxCodeOptions): TaxCodeResult;
export function parseTaxCode(input: unknown, options: TaxCodeOptions = {}): TaxCodeResult {
  if (input === undefined || input === null) {
    return failure('empty', 'Il codice fiscale è obbligatorio.');
  }
  if (typeof input !== 'string') {
    return failure('not-a-string', 'Il codice fiscale deve essere un testo.');
  }
  const taxCode = normaliseTaxCode(input);
  if (taxCode === '') {
    return failure('empty', 'Il codice fiscale è obbligatorio.');
  }

  if (/^\d{11}$/.test(taxCode)) {
    if (!options.allowLegalEntity) {
      return failure(
        'legal-entity-not-allowed',
        'Il codice fiscale numerico di 11 cifre è quello di un ente: per una persona il codice fiscale ha 16 caratteri.',
      );
    }
    return parseLegalEntity(taxCode);
  }

  const invalid = /[^0-9A-Z]/.exec(taxCode);
  if (invalid) {
    return failure(
      'invalid-characters',
      `Il codice fiscale può contenere solo lettere e cifre: il carattere «${invalid[0]}» non è ammesso.`,
    );
  }
  if (taxCode.length !== 16) {
    return failure(
      'invalid-length',
      options.allowLegalEntity
        ? 'Il codice fiscale deve avere 16 caratteri (11 cifre per un ente).'
        : 'Il codice fiscale deve avere 16 caratteri.',
    );
  }
  for (let i = 0; i < 16; i++) {
    if (!LAYOUT[i].pattern.test(taxCode[i])) {
      return failure(
        'invalid-structure',
        `Il carattere in posizione ${i + 1} («${taxCode[i]}») non è valido: è attesa ${LAYOUT[i].expected}.`,
      );
    }
  }

  const decoded = decodeOmocodia(taxCode);
  const month = MONTH_LETTERS.indexOf(decoded[8]) + 1;
  if (month === 0) {
    return failure(
      'invalid-month',
      `La lettera del mese di nascita (posizione 9, «${decoded[8]}») non è valida: sono ammesse A, B, C, D, E, H, L, M, P, R, S, T.`,
    );
  }
  const dayCode = Number(decoded.slice(9, 11));
  const female = dayCode > 40;
  const day = female ? dayCode - 40 : dayCode;
  if (day < 1 || day > 31) {
    return failure(
      'invalid-day',
      `Il giorno di nascita (posizioni 10-11, «${pad(dayCode)}») non è valido: è ammesso da 01 a 31 per gli uomini, da 41 a 71 per le donne.`,
    );
  }
  const year = inferYear(
    Number(decoded.slice(6, 8)),
    month,
    day,
    options.referenceDate ?? new Date(),
  );
  if (day > daysInMonth(year, month)) {
    return failure(
      'invalid-date',
      `La data di nascita indicata nel codice fiscale (${pad(day)}/${pad(month)}/${year}) non esiste.`,
    );
  }

  if (taxCodeCheckCharacter(taxCode.slice(0, 15)) !== taxCode[15]) {
    return failure(
      'check-character-mismatch',
      'Il carattere di controllo non corrisponde: verificare il codice fiscale.',
    );
  }

  return {
    ok: true,
    kind: 'person',
    taxCode,
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    sex: female ? 'F' : 'M',
    placeCode: decoded.slice(11, 15),
    omocodia: decoded !== taxCode,
  };
}
