/**
 * A case number: office prefix, the unit's Roman numeral, year, progressive
 * number — `SSC-III-2026-000123` (a case), `SEG-III-2026-000045` (an intake
 * referral of the Segretariato Sociale).
 */
export const CASE_NUMBER_PATTERN = /^[A-Z]{2,5}-([IVXLCDM]{1,8})-\d{4}-\d{1,9}$/;

/** The territorial unit a case number belongs to (`SSC-III-…` → `III`), or null if it is not one. */
export function unitOfCaseNumber(caseNumber: string | null | undefined): string | null {
  if (!caseNumber) return null;
  return CASE_NUMBER_PATTERN.exec(caseNumber)?.[1] ?? null;
}
