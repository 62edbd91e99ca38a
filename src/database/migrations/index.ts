import { AccountsAndUnits1764190000000 } from './1764190000000-accounts-and-units';
import { Engine1764200000000 } from './1764200000000-engine';
import { JobRetryIndex1764210000000 } from './1764210000000-job-retry-index';

/** In order; run automatically at start. */
export const migrations = [
  AccountsAndUnits1764190000000,
  Engine1764200000000,
  JobRetryIndex1764210000000,
];
