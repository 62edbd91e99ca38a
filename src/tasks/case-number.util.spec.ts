import { unitOfCaseNumber } from './case-number.util';

describe('unitOfCaseNumber', () => {
  it.each([
    ['SSC-III-2026-000123', 'III'],
    ['SEG-III-2026-000045', 'III'],
    ['SSC-VIII-2025-1', 'VIII'],
    ['SSC-I-2026-000001', 'I'],
  ])('%s → %s', (caseNumber, unit) => {
    expect(unitOfCaseNumber(caseNumber)).toBe(unit);
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['SSC-3-2026-000123'],
    ['ssc-iii-2026-1'],
    ['SSC-III-26-1'],
    ['SSC-III-2026-000123 '],
  ])('refuses %p', (caseNumber) => {
    expect(unitOfCaseNumber(caseNumber)).toBeNull();
  });
});
