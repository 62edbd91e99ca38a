import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a read in a transaction with PostgreSQL's JIT off. A figures query over every unit costs
 * more than `jit_above_cost`, so the server compiles it first: ~300 ms of compiling for a query
 * that then runs in 5 ms (measured, bench:analytics). PGlite has no JIT; the setting is harmless.
 */
export function withoutJit<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL jit = off`);
    return work(manager);
  });
}
