import { Account } from '../auth/entities/account.entity';
import { TerritorialUnit } from '../auth/entities/territorial-unit.entity';

/** Every entity of the application, for the data source and the migration CLI. */
export const entities = [TerritorialUnit, Account];
