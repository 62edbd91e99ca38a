import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProcessEngine, Variables } from '../engine/engine.port';
import { PATH_PROCESS_IDS, PathToOpen } from './paths';

export interface OpenedCase {
  caseId: string;
  caseNumber: string;
  unitCode: string;
}

/** Starts a case's mandated path, once per case and path, and records it in case_path. */
@Injectable()
export class CasePathsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: ProcessEngine,
  ) {}

  /**
   * Safe to call again for the same case and path (the intake's job is delivered at least
   * once): an instance already recorded, or already started under the case number before a
   * crash, is the one kept. Call it outside any transaction (the engine commits its own).
   */
  async start(
    opened: OpenedCase,
    path: PathToOpen,
    variables: Variables = {},
  ): Promise<{ bpmnProcessId: string; processInstanceKey: string }> {
    const { caseId, caseNumber, unitCode } = opened;
    const bpmnProcessId = PATH_PROCESS_IDS[path];
    const [recorded] = await this.dataSource.query(
      `SELECT process_instance_key::text AS key FROM case_path WHERE case_id = $1 AND bpmn_process_id = $2`,
      [caseId, bpmnProcessId],
    );
    if (recorded) return { bpmnProcessId, processInstanceKey: recorded.key };
    const [existing] = await this.dataSource.query(
      `SELECT key::text FROM process_instance WHERE business_key = $1 AND bpmn_process_id = $2 LIMIT 1`,
      [caseNumber, bpmnProcessId],
    );
    const processInstanceKey: string =
      existing?.key ??
      (
        await this.engine.createInstance({
          bpmnProcessId,
          businessKey: caseNumber,
          variables: {
            ...variables,
            caseId,
            caseNumber,
            unitCode,
            pathToOpen: path,
            caseManagerOptions: await this.caseManagerOptions(unitCode),
          },
        })
      ).processInstanceKey;
    await this.dataSource.query(
      `INSERT INTO case_path (case_id, bpmn_process_id, process_instance_key, started_at) VALUES ($1, $2, $3, now())
       ON CONFLICT DO NOTHING`,
      [caseId, bpmnProcessId, processInstanceKey],
    );
    return { bpmnProcessId, processInstanceKey };
  }

  /** The unit's social workers, as the take-in-charge form lists them. */
  private async caseManagerOptions(unitCode: string): Promise<Variables[]> {
    const rows: Array<{ value: string; label: string }> = await this.dataSource.query(
      `SELECT id AS value, display_name AS label FROM account
        WHERE unit_code = $1 AND active AND role IN ('caseworker', 'coordinator') ORDER BY display_name`,
      [unitCode],
    );
    return rows.map((o) => ({ value: o.value, label: o.label }));
  }
}
