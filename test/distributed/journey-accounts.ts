import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';

export const JOURNEY_PASSWORD = 'una-password-di-prova';

/** The people of unit III who take a referral to a case: front office, case worker, coordinator. */
export async function createJourneyAccounts(db: DataSource): Promise<Map<string, string>> {
  const hash = await hashPassword(JOURNEY_PASSWORD);
  const ids = new Map<string, string>();
  for (const [username, role, unit] of [
    ['front.iii', 'front-office', 'III'],
    ['anna.iii', 'caseworker', 'III'],
    ['coord.iii', 'coordinator', 'III'],
  ]) {
    const [row] = await db.query(
      `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ($1, $1, $2, $3, $4) RETURNING id`,
      [username, role, unit, hash],
    );
    ids.set(username, row.id);
  }
  return ids;
}
