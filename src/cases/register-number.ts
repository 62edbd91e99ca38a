import { EntityManager } from 'typeorm';

/**
 * The next number of a register (SSC = cases, SEG = referrals, ATT = the unit's duties) for a unit and
 * year, without gaps: the counter row is locked until the creating
 * transaction ends, so a rolled-back creation gives its number back.
 */
export async function nextRegisterNumber(
  manager: EntityManager,
  kind: 'SSC' | 'SEG' | 'ATT',
  unitCode: string,
  year: number,
): Promise<string> {
  const [row] = await manager.query(
    `INSERT INTO register_sequence (kind, unit_code, year, last_value) VALUES ($1, $2, $3, 1)
     ON CONFLICT (kind, unit_code, year) DO UPDATE SET last_value = register_sequence.last_value + 1
     RETURNING last_value`,
    [kind, unitCode, year],
  );
  return `${kind}-${unitCode}-${year}-${String(row.last_value).padStart(6, '0')}`;
}
