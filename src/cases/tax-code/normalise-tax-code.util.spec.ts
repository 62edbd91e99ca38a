import { normaliseTaxCode } from './normalise-tax-code.util';

describe('normaliseTaxCode', () => {
  it('upper-cases and removes every space', () => {
    expect(normaliseTaxCode('  vrd pla 03t01\th501n \n')).toBe('VRDPLA03T01H501N');
  });

  it('keeps other characters for the validation to refuse', () => {
    expect(normaliseTaxCode('vrd-pla.03')).toBe('VRD-PLA.03');
  });
});
