import { buildPersonTaxCode } from './build-person-tax-code';

describe('buildPersonTaxCode (test helper)', () => {
  it('builds the codes worked out by hand in the check-character spec', () => {
    expect(
      buildPersonTaxCode({
        letters: 'BNCLRA',
        birthDate: '1990-03-15',
        sex: 'F',
        placeCode: 'F205',
      }),
    ).toBe('BNCLRA90C55F205A');
    expect(
      buildPersonTaxCode({
        letters: 'VRDPLA',
        birthDate: '2003-12-01',
        sex: 'M',
        placeCode: 'H501',
      }),
    ).toBe('VRDPLA03T01H501N');
  });

  it('replaces digits from the right for omocodia', () => {
    const person = {
      letters: 'VRDPLA',
      birthDate: '2003-12-01',
      sex: 'M',
      placeCode: 'H501',
    } as const;
    expect(buildPersonTaxCode({ ...person, omocodia: 1 })).toBe('VRDPLA03T01H50MF');
    expect(buildPersonTaxCode({ ...person, omocodia: 7 }).slice(0, 15)).toBe('VRDPLALPTLMHRLM');
  });
});
