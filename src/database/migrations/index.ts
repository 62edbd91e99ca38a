import { AccountsAndUnits1764190000000 } from './1764190000000-accounts-and-units';

/** In order; run automatically at start. */
export const migrations = [AccountsAndUnits1764190000000];
