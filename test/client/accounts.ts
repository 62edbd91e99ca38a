import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { TestApp } from '../support/test-app';

/** The password of every account the browser suites create. */
export const PASSWORD = 'una-password-di-prova';

export interface StaffAccount {
  username: string;
  displayName: string;
  role: 'front-office' | 'caseworker' | 'coordinator' | 'manager' | 'admin';
  unitCode?: string;
}

/** The people of a browser suite, as an administrator would have created them. */
export const STAFF: StaffAccount[] = [
  {
    username: 'sportello.iii',
    displayName: 'Sara Sportello',
    role: 'front-office',
    unitCode: 'III',
  },
  { username: 'anna.iii', displayName: 'Anna Rinaldi', role: 'caseworker', unitCode: 'III' },
  { username: 'bruno.iii', displayName: 'Bruno Greco', role: 'caseworker', unitCode: 'III' },
  {
    username: 'coord.iii',
    displayName: 'Carla Coordinatrice',
    role: 'coordinator',
    unitCode: 'III',
  },
  { username: 'dirigente', displayName: 'Diana Dirigente', role: 'manager' },
];

export async function addAccounts(
  server: TestApp,
  accounts: StaffAccount[] = STAFF,
): Promise<void> {
  const db = server.app.get(DataSource);
  const hash = await hashPassword(PASSWORD);
  for (const account of accounts) {
    await db.query(
      `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ($1, $2, $3, $4, $5)`,
      [account.username, account.displayName, account.role, account.unitCode ?? null, hash],
    );
  }
}
