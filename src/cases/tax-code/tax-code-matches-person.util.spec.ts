import { buildPersonTaxCode } from './__tests__/build-person-tax-code';
import { taxCodeMatchesPerson } from './tax-code-matches-person.util';

// Fictitious people; the six letters are written out by hand from the rules:
// Rossi → R S S (consonants); Ada → D, then A A (vowels).
const rossiAda = buildPersonTaxCode({
  letters: 'RSSDAA',
  birthDate: '1985-05-12',
  sex: 'F',
  placeCode: 'L219',
});
// D'Angelo → D N G (apostrophe ignored); Niccolò → N C C L, four consonants: 1st, 3rd, 4th.
const dAngeloNiccolo = buildPersonTaxCode({
  letters: 'DNGNCL',
  birthDate: '1948-02-29',
  sex: 'M',
  placeCode: 'A662',
});
// Fo → F O X; Li → L I X.
const foLi = 'FOXLIX75L20Z110F'; // hand-computed in the check-character spec

describe('taxCodeMatchesPerson', () => {
  it('matches the person the code was made for', () => {
    expect(
      taxCodeMatchesPerson(rossiAda, {
        surname: 'Rossi',
        name: 'Ada',
        birthDate: '1985-05-12',
        sex: 'F',
      }),
    ).toEqual({ matches: true, mismatches: [] });
  });

  it.each([
    [foLi, { surname: 'Fo', name: 'Li', birthDate: '1975-07-20', sex: 'M' as const }],
    [dAngeloNiccolo, { surname: "D'Angelo", name: 'Niccolò', birthDate: '1948-02-29' }],
    [dAngeloNiccolo, { surname: 'D’ANGELO', name: 'NICCOLO’' }],
    [dAngeloNiccolo, { surname: 'dangelo', name: 'niccolo' }],
    [foLi.toLowerCase(), { surname: 'Fo' }],
  ])('matches %s with %p', (taxCode, person) => {
    expect(taxCodeMatchesPerson(taxCode, person)).toEqual({ matches: true, mismatches: [] });
  });

  it('compares only the fields given', () => {
    expect(taxCodeMatchesPerson(rossiAda, {})).toEqual({ matches: true, mismatches: [] });
    expect(taxCodeMatchesPerson(rossiAda, { sex: 'F' }).matches).toBe(true);
  });

  it('reports each field that disagrees, in Italian', () => {
    expect(
      taxCodeMatchesPerson(rossiAda, {
        surname: 'Rosi',
        name: 'Adda',
        birthDate: '1985-05-21',
        sex: 'M',
      }),
    ).toEqual({
      matches: false,
      mismatches: [
        {
          field: 'surname',
          message: 'Il cognome «Rosi» dà le lettere RSO, ma il codice fiscale riporta RSS.',
        },
        {
          field: 'name',
          message: 'Il nome «Adda» dà le lettere DDA, ma il codice fiscale riporta DAA.',
        },
        {
          field: 'birthDate',
          message:
            'La data di nascita 21/05/1985 non corrisponde a quella del codice fiscale (12/05/1985).',
        },
        {
          field: 'sex',
          message:
            'Il sesso indicato (maschile) non corrisponde a quello del codice fiscale (femminile).',
        },
      ],
    });
  });

  it('catches a name typed in place of the surname', () => {
    expect(taxCodeMatchesPerson(rossiAda, { surname: 'Ada', name: 'Rossi' })).toMatchObject({
      matches: false,
      mismatches: [{ field: 'surname' }, { field: 'name' }],
    });
  });

  it('catches a wrong month', () => {
    expect(taxCodeMatchesPerson(rossiAda, { birthDate: '1985-06-12' }).mismatches).toEqual([
      expect.objectContaining({ field: 'birthDate' }),
    ]);
  });

  it('does not hold the century against the person: the code only has two digits', () => {
    const centenarian = buildPersonTaxCode({
      letters: 'RSSDAA',
      birthDate: '1920-05-12',
      sex: 'F',
      placeCode: 'L219',
    });
    expect(taxCodeMatchesPerson(centenarian, { birthDate: '1920-05-12' }).matches).toBe(true);
  });

  it('accepts omocodia: only digits change, not the letters or the date', () => {
    const omocode = buildPersonTaxCode({
      letters: 'RSSDAA',
      birthDate: '1985-05-12',
      sex: 'F',
      placeCode: 'L219',
      omocodia: 7,
    });
    expect(
      taxCodeMatchesPerson(omocode, { surname: 'Rossi', name: 'Ada', birthDate: '1985-05-12' }),
    ).toEqual({ matches: true, mismatches: [] });
  });

  it('reports a birth date that is not a date', () => {
    expect(taxCodeMatchesPerson(rossiAda, { birthDate: '12/05/1985' }).mismatches).toEqual([
      {
        field: 'birthDate',
        message: 'La data di nascita «12/05/1985» non è una data valida (formato AAAA-MM-GG).',
      },
    ]);
    expect(taxCodeMatchesPerson(rossiAda, { birthDate: '1985-02-30' }).matches).toBe(false);
  });

  it('reports an invalid tax code instead of comparing', () => {
    expect(taxCodeMatchesPerson('RSSDAA85E52L219', { surname: 'Rossi' })).toEqual({
      matches: false,
      mismatches: [{ field: 'taxCode', message: 'Il codice fiscale deve avere 16 caratteri.' }],
    });
  });
});
