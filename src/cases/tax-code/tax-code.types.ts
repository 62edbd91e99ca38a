/** Sex as recorded in a person's tax code (day of birth + 40 for women). */
export type TaxCodeSex = 'F' | 'M';

export interface TaxCodeOptions {
  /**
   * Also accept the 11-digit numeric codice fiscale given to legal entities (and the same
   * number used as partita IVA). Default false: only the 16-character code of a person.
   */
  allowLegalEntity?: boolean;
  /**
   * The day the two-digit birth year is read against: the century is the latest one that does
   * not put the birth after this day (default: today, local time). A code says nothing about
   * the century, so a person over 100 years old reads as a child: ask for the full date.
   */
  referenceDate?: Date;
}

/** A valid 16-character code of a person. */
export interface PersonTaxCode {
  ok: true;
  kind: 'person';
  /** Normalised: upper case, no spaces; as written, with any omocodia letters kept. */
  taxCode: string;
  /** YYYY-MM-DD, century inferred against `referenceDate`. */
  birthDate: string;
  sex: TaxCodeSex;
  /** Belfiore code of the Italian municipality or (Z…) foreign state of birth, digits decoded. */
  placeCode: string;
  /** True when some digits were replaced by letters to tell apart two people with the same code. */
  omocodia: boolean;
}

/** A valid 11-digit numeric code of a legal entity (only with `allowLegalEntity`). */
export interface LegalEntityTaxCode {
  ok: true;
  kind: 'legal-entity';
  taxCode: string;
}

export type TaxCodeFailureReason =
  | 'not-a-string'
  | 'empty'
  | 'invalid-characters'
  | 'legal-entity-not-allowed'
  | 'invalid-length'
  | 'invalid-structure'
  | 'invalid-month'
  | 'invalid-day'
  | 'invalid-date'
  | 'check-character-mismatch';

export interface TaxCodeFailure {
  ok: false;
  reason: TaxCodeFailureReason;
  /** For the person at the desk, in Italian. */
  message: string;
}

export type PersonTaxCodeResult = PersonTaxCode | TaxCodeFailure;
export type TaxCodeResult = PersonTaxCode | LegalEntityTaxCode | TaxCodeFailure;
