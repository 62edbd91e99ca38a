import { EntityManager } from 'typeorm';
import { preparedQuery } from '../../../database/prepared-query';

// A command writes a few rows per table: those statements are prepared (one text per row
// count); a bigger batch (a large multi-instance) is planned once, as an ordinary query.
const MAX_PREPARED_ROWS = 8;

/** A statement and its parameters; `prepared`: small enough to keep prepared per connection. */
export interface Statement {
  text: string;
  params: unknown[];
  prepared: boolean;
}

/** One multi-row INSERT for a batch, so a command costs a few round trips, not one per row. */
export function insertStatement(
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  suffix = '',
): Statement | null {
  if (rows.length === 0) return null;
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = row.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  return {
    text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`,
    params,
    prepared: rows.length <= MAX_PREPARED_ROWS,
  };
}

export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  suffix = '',
): Promise<void> {
  const statement = insertStatement(table, columns, rows, suffix);
  if (statement) await runStatement(manager, statement);
}

export async function runStatement<T = Record<string, unknown>>(
  manager: EntityManager,
  { text, params, prepared }: Statement,
): Promise<T[]> {
  return prepared ? preparedQuery<T>(manager, text, params) : manager.query(text, params);
}

/**
 * `main` with `writes` ahead of it as data-modifying CTEs: one round trip instead of one per
 * statement (each cost ~70 µs of the service's CPU in socket writes alone, and on PGlite its
 * protocol work runs in WASM on the service's thread). The writes see the snapshot `main`
 * sees, not each other's rows: only for writes to different rows, whose order does not matter.
 */
export function withWrites(main: Statement, writes: ReadonlyArray<Statement>): Statement {
  if (writes.length === 0) return main;
  const params = [...main.params];
  const ctes = writes.map((write, i) => {
    const offset = params.length;
    params.push(...write.params);
    const text = write.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    return `w${i} AS (${text})`;
  });
  return {
    text: `WITH ${ctes.join(', ')} ${main.text}`,
    params,
    prepared: main.prepared && writes.every((w) => w.prepared),
  };
}
