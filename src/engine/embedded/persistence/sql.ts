import { EntityManager } from 'typeorm';
import { preparedQuery } from '../../../database/prepared-query';

// A command writes a few rows per table: those statements are prepared (one text per row
// count); a bigger batch (a large multi-instance) is planned once, as an ordinary query.
const MAX_PREPARED_ROWS = 8;

/** One multi-row INSERT for a batch, so a command costs a few round trips, not one per row. */
export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  suffix = '',
): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = row.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`;
  if (rows.length <= MAX_PREPARED_ROWS) await preparedQuery(manager, text, params);
  else await manager.query(text, params);
}
