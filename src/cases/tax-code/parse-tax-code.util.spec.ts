import { buildPersonTaxCode, FictitiousPerson } from './__tests__/build-person-tax-code';
import { parseTaxCode } from './parse-tax-code.util';
import { taxCodeCheckCharacter } from './tax-code-check-character.util';

// Every code here is of a fictitious person: hand-computed (see the check-character spec) or
// built with the test helper.

/** Local calendar day, as parseTaxCode reads the reference date. */
const day = (year: number, month: number, date: number): Date => new Date(year, month - 1, date);
const referenceDate = day(2025, 6, 15);

/** First 15 characters completed with their right check character. */
const withCheck = (first15: string): string => first15 + taxCodeCheckCharacter(first15);

const verdiPaolo: FictitiousPerson = {
  letters: 'VRDPLA',
  birthDate: '2003-12-01',
  sex: 'M',
  placeCode: 'H501',
};

describe('parseTaxCode', () => {
  describe('valid codes of persons', () => {
    it.each([
      ['BNCLRA90C55F205A', '1990-03-15', 'F', 'F205'], // Bianchi Laura, Milano
      ['VRDPLA03T01H501N', '2003-12-01', 'M', 'H501'], // Verdi Paolo, Roma
      ['FOXLIX75L20Z110F', '1975-07-20', 'M', 'Z110'], // Fo Li, born in France
    ])('reads %s (hand-computed)', (taxCode, birthDate, sex, placeCode) => {
      expect(parseTaxCode(taxCode, { referenceDate })).toEqual({
        ok: true,
        kind: 'person',
        taxCode,
        birthDate,
        sex,
        placeCode,
        omocodia: false,
      });
    });

    it.each<FictitiousPerson>([
      { letters: 'RSSDAA', birthDate: '1985-05-12', sex: 'F', placeCode: 'L219' },
      { letters: 'DNGNCL', birthDate: '1948-02-29', sex: 'M', placeCode: 'A662' },
      { letters: 'MRNGLC', birthDate: '2019-10-31', sex: 'M', placeCode: 'G273' },
      { letters: 'CSTMCH', birthDate: '1961-08-09', sex: 'F', placeCode: 'Z330' },
      { letters: 'XXXJLC', birthDate: '2000-01-01', sex: 'M', placeCode: 'Z114' },
    ])('reads the generated code of $letters, born $birthDate', (person) => {
      const taxCode = buildPersonTaxCode(person);
      expect(parseTaxCode(taxCode, { referenceDate })).toEqual({
        ok: true,
        kind: 'person',
        taxCode,
        birthDate: person.birthDate,
        sex: person.sex,
        placeCode: person.placeCode,
        omocodia: false,
      });
    });

    it('normalises case and spaces, inside and around', () => {
      const result = parseTaxCode('  vrdpla 03t01 h501n\t', { referenceDate });
      expect(result).toMatchObject({ ok: true, taxCode: 'VRDPLA03T01H501N' });
    });

    it('narrows to a person without checking the kind when entities are not allowed', () => {
      const result = parseTaxCode('VRDPLA03T01H501N', { referenceDate });
      // Compiles only because the overload without allowLegalEntity returns persons only.
      expect(result.ok && result.birthDate).toBe('2003-12-01');
    });
  });

  describe('omocodia', () => {
    it('accepts the hand-computed code with the 15th character replaced', () => {
      expect(parseTaxCode('VRDPLA03T01H50MF', { referenceDate })).toEqual({
        ok: true,
        kind: 'person',
        taxCode: 'VRDPLA03T01H50MF',
        birthDate: '2003-12-01',
        sex: 'M',
        placeCode: 'H501',
        omocodia: true,
      });
    });

    it.each([1, 2, 3, 4, 5, 6, 7])('reads the same person with %i digits replaced', (omocodia) => {
      const taxCode = buildPersonTaxCode({ ...verdiPaolo, omocodia });
      expect(parseTaxCode(taxCode, { referenceDate })).toEqual({
        ok: true,
        kind: 'person',
        taxCode,
        birthDate: '2003-12-01',
        sex: 'M',
        placeCode: 'H501',
        omocodia: true,
      });
    });

    it('reads a woman’s day written with letters (71 as TM)', () => {
      const taxCode = buildPersonTaxCode({
        letters: 'BNCLRA',
        birthDate: '1990-01-31',
        sex: 'F',
        placeCode: 'F205',
        omocodia: 5,
      });
      expect(taxCode.slice(9, 11)).toBe('TM');
      expect(parseTaxCode(taxCode, { referenceDate })).toMatchObject({
        ok: true,
        birthDate: '1990-01-31',
        sex: 'F',
      });
    });

    it('refuses a letter that does not stand for a digit', () => {
      // O is not an omocodia letter (the list skips it, like A–K and W–Z)
      expect(parseTaxCode(withCheck('VRDPLAO3T01H501'), { referenceDate })).toEqual({
        ok: false,
        reason: 'invalid-structure',
        message:
          'Il carattere in posizione 7 («O») non è valido: è attesa una cifra (o una delle lettere L, M, N, P, Q, R, S, T, U, V in caso di omocodia).',
      });
    });

    it('checks the check character against the code as written, letters included', () => {
      // VRDPLA03T01H501N is right without omocodia, wrong once the 1 is written as M
      expect(parseTaxCode('VRDPLA03T01H50MN', { referenceDate })).toMatchObject({
        ok: false,
        reason: 'check-character-mismatch',
      });
    });
  });

  describe('sex and day of birth', () => {
    it.each([
      ['01', 'M', '1990-03-01'],
      ['31', 'M', '1990-03-31'],
      ['41', 'F', '1990-03-01'],
      ['55', 'F', '1990-03-15'],
      ['71', 'F', '1990-03-31'],
    ])('day %s is sex %s, born %s', (dayCode, sex, birthDate) => {
      const result = parseTaxCode(withCheck(`BNCLRA90C${dayCode}F205`), { referenceDate });
      expect(result).toMatchObject({ ok: true, sex, birthDate });
    });

    it.each(['00', '32', '40', '72', '99'])('refuses day %s', (dayCode) => {
      expect(parseTaxCode(withCheck(`BNCLRA90C${dayCode}F205`), { referenceDate })).toEqual({
        ok: false,
        reason: 'invalid-day',
        message: `Il giorno di nascita (posizioni 10-11, «${dayCode}») non è valido: è ammesso da 01 a 31 per gli uomini, da 41 a 71 per le donne.`,
      });
    });
  });

  describe('dates that do not exist', () => {
    it.each([
      ['90B30', '30/02/1990'], // 30 February
      ['90B70', '30/02/1990'], // 30 February, a woman
      ['23B29', '29/02/2023'], // not a leap year
      ['90D31', '31/04/1990'], // April has 30 days
      ['90P31', '31/09/1990'], // P is September: 30 days
      ['90H71', '31/06/1990'], // H is June: 30 days, a woman
    ])('refuses %s (%s), even with the right check character', (datePart, shown) => {
      expect(parseTaxCode(withCheck(`BNCLRA${datePart}F205`), { referenceDate })).toEqual({
        ok: false,
        reason: 'invalid-date',
        message: `La data di nascita indicata nel codice fiscale (${shown}) non esiste.`,
      });
    });

    it('accepts 29 February of a leap year', () => {
      const result = parseTaxCode(withCheck('BNCLRA24B69F205'), { referenceDate });
      expect(result).toMatchObject({ ok: true, birthDate: '2024-02-29', sex: 'F' });
    });
  });

  describe('century', () => {
    it.each([
      ['25A01', '2025-01-01'], // earlier this year
      ['25H15', '2025-06-15'], // the reference day itself (H is June)
      ['25H16', '1925-06-16'], // tomorrow: would be in the future
      ['25S01', '1925-11-01'],
      ['24T31', '2024-12-31'],
      ['26A01', '1926-01-01'],
      ['00A01', '2000-01-01'],
      ['99T31', '1999-12-31'],
    ])('reads %s as %s on 15/06/2025', (datePart, birthDate) => {
      const result = parseTaxCode(withCheck(`VRDPLA${datePart}H501`), { referenceDate });
      expect(result).toMatchObject({ ok: true, birthDate });
    });

    it('follows the reference date', () => {
      const taxCode = withCheck('VRDPLA30A01H501');
      expect(parseTaxCode(taxCode, { referenceDate: day(2029, 12, 31) })).toMatchObject({
        birthDate: '1930-01-01',
      });
      expect(parseTaxCode(taxCode, { referenceDate: day(2030, 1, 1) })).toMatchObject({
        birthDate: '2030-01-01',
      });
    });

    it('checks 29 February in the century chosen', () => {
      const taxCode = withCheck('VRDPLA00B29H501');
      expect(parseTaxCode(taxCode, { referenceDate })).toMatchObject({ birthDate: '2000-02-29' });
      // Before that day the code reads as 1900, not a leap year
      expect(parseTaxCode(taxCode, { referenceDate: day(2000, 1, 1) })).toMatchObject({
        ok: false,
        reason: 'invalid-date',
      });
    });

    describe('without a reference date', () => {
      afterEach(() => jest.useRealTimers());

      it('reads against today', () => {
        jest.useFakeTimers({ now: day(2031, 3, 1) });
        expect(parseTaxCode(withCheck('VRDPLA30A01H501'))).toMatchObject({
          birthDate: '2030-01-01',
        });
        expect(parseTaxCode(withCheck('VRDPLA32A01H501'))).toMatchObject({
          birthDate: '1932-01-01',
        });
      });
    });
  });

  describe('failures', () => {
    it.each([
      [undefined, 'empty', 'Il codice fiscale è obbligatorio.'],
      [null, 'empty', 'Il codice fiscale è obbligatorio.'],
      ['', 'empty', 'Il codice fiscale è obbligatorio.'],
      ['   ', 'empty', 'Il codice fiscale è obbligatorio.'],
      [12345678903, 'not-a-string', 'Il codice fiscale deve essere un testo.'],
      [{}, 'not-a-string', 'Il codice fiscale deve essere un testo.'],
    ])('%p: %s', (input, reason, message) => {
      expect(parseTaxCode(input, { referenceDate })).toEqual({ ok: false, reason, message });
    });

    it.each(['VRDPLA03T01H501', 'VRDPLA03T01H501NN', 'VRDPLA'])('%s: invalid-length', (input) => {
      expect(parseTaxCode(input, { referenceDate })).toEqual({
        ok: false,
        reason: 'invalid-length',
        message: 'Il codice fiscale deve avere 16 caratteri.',
      });
    });

    it.each([
      ['VRD-PLA03T01H501N', '-'],
      ['VRDPLA03T01H501N.', '.'],
      ['VRDPLÀ03T01H501N', 'À'],
    ])('%s: invalid-characters', (input, character) => {
      expect(parseTaxCode(input, { referenceDate })).toEqual({
        ok: false,
        reason: 'invalid-characters',
        message: `Il codice fiscale può contenere solo lettere e cifre: il carattere «${character}» non è ammesso.`,
      });
    });

    it.each([
      ['VRD1LA03T01H501', 4, '1', 'una lettera'],
      ['VRDPLA03101H501', 9, '1', 'una lettera'],
      ['VRDPLA03T01H5A1', 14, 'A', 'una cifra'],
      ['VRDPLA03T01150M', 12, '1', 'una lettera'],
    ])('%s: invalid-structure at position %i', (first15, position, character, expected) => {
      const result = parseTaxCode(withCheck(first15), { referenceDate });
      expect(result).toMatchObject({ ok: false, reason: 'invalid-structure' });
      expect(!result.ok && result.message).toContain(
        `Il carattere in posizione ${position} («${character}») non è valido: è attesa ${expected}`,
      );
    });

    it('refuses a digit as check character', () => {
      expect(parseTaxCode('VRDPLA03T01H5011', { referenceDate })).toMatchObject({
        ok: false,
        reason: 'invalid-structure',
        message: 'Il carattere in posizione 16 («1») non è valido: è attesa una lettera.',
      });
    });

    it.each(['F', 'G', 'I', 'N', 'Z'])('refuses month letter %s', (letter) => {
      expect(parseTaxCode(withCheck(`VRDPLA03${letter}01H501`), { referenceDate })).toEqual({
        ok: false,
        reason: 'invalid-month',
        message: `La lettera del mese di nascita (posizione 9, «${letter}») non è valida: sono ammesse A, B, C, D, E, H, L, M, P, R, S, T.`,
      });
    });

    it.each([
      ['VRDPLA03T01H501A', 'a wrong last character'],
      ['VRDPLA30T01H501N', 'two digits swapped'],
      ['VRDPAL03T01H501N', 'two letters swapped'],
      ['VRDPLA03T01H510N', 'place digits swapped'],
    ])('%s: check-character-mismatch (%s)', (input) => {
      expect(parseTaxCode(input, { referenceDate })).toEqual({
        ok: false,
        reason: 'check-character-mismatch',
        message: 'Il carattere di controllo non corrisponde: verificare il codice fiscale.',
      });
    });
  });

  describe('numeric codes of legal entities', () => {
    it('are refused by default', () => {
      expect(parseTaxCode('12345678903', { referenceDate })).toEqual({
        ok: false,
        reason: 'legal-entity-not-allowed',
        message:
          'Il codice fiscale numerico di 11 cifre è quello di un ente: per una persona il codice fiscale ha 16 caratteri.',
      });
    });

    const allowLegalEntity = true;

    it.each(['12345678903', '80012345676', '10000000090', ' 123 456 789 03 '])(
      'accept %p when allowed (check digits worked out in their spec)',
      (input) => {
        expect(parseTaxCode(input, { allowLegalEntity })).toEqual({
          ok: true,
          kind: 'legal-entity',
          taxCode: input.replace(/ /g, ''),
        });
      },
    );

    it('still accept persons when allowed', () => {
      expect(parseTaxCode('VRDPLA03T01H501N', { allowLegalEntity, referenceDate })).toMatchObject({
        ok: true,
        kind: 'person',
      });
    });

    it.each(['12345678904', '12345678930', '21345678903'])(
      'refuse %s: wrong check digit',
      (input) => {
        expect(parseTaxCode(input, { allowLegalEntity })).toEqual({
          ok: false,
          reason: 'check-character-mismatch',
          message: 'Il carattere di controllo non corrisponde: verificare il codice fiscale.',
        });
      },
    );

    it('refuse an all-zero registration number', () => {
      expect(parseTaxCode('00000000000', { allowLegalEntity })).toMatchObject({
        ok: false,
        reason: 'invalid-structure',
      });
    });

    it('mention the 11 digits in the length message', () => {
      expect(parseTaxCode('1234567890', { allowLegalEntity })).toEqual({
        ok: false,
        reason: 'invalid-length',
        message: 'Il codice fiscale deve avere 16 caratteri (11 cifre per un ente).',
      });
    });
  });
});
