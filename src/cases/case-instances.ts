import { EntityManager } from 'typeorm';
import { CaseInstance, EngineReadModel } from '../engine/read-model/engine-read-model';

/** The case's paths and every process they called, at any depth, in the caller's transaction. */
export async function caseInstances(
  readModel: EngineReadModel,
  manager: EntityManager,
  caseId: string,
): Promise<CaseInstance[]> {
  const paths: Array<{ key: string }> = await manager.query(
    `SELECT process_instance_key::text AS key FROM case_path WHERE case_id = $1`,
    [caseId],
  );
  return readModel.instanceTrees(
    manager,
    paths.map((p) => p.key),
  );
}
