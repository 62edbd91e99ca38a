import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EngineReadModel } from '../engine/read-model/engine-read-model';
import { ProcessEngine, Variables } from '../engine/engine.port';
import { PathOptionDto } from './dto/case.dto';
import { unitStaffOptions } from '../units/unit-staff-options';
import { PATH_PROCESS_IDS, PATHS_TO_OPEN, PathToOpen } from './paths';

/**
 * How long a replica holds a start it claimed (a case's owed path, a referral's intake): far
 * longer than the engine takes to start an instance, so no other replica starts it as well;
 * should the replica die mid-start, another takes it over once the lease is over, and finds
 * an instance already started under the business key, if any.
 */
export const START_LEASE = `interval '5 minutes'`;

export interface OpenedCase {
  caseId: string;
  caseNumber: string;
  unitCode: string;
}

/** Starts a case's mandated path, once per case and path, and records it in case_path. */
@Injectable()
export class CasePathsService {
  private readonly logger = new Logger(CasePathsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: ProcessEngine,
    private readonly readModel: EngineReadModel,
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
    const running = await this.running(this.dataSource.manager, caseId, bpmnProcessId);
    if (running) return { bpmnProcessId, processInstanceKey: running };
    const existing = await this.readModel.instanceByBusinessKey(caseNumber, bpmnProcessId, true);
    const processInstanceKey: string =
      existing ??
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
            caseManagerOptions: await unitStaffOptions(this.dataSource, unitCode, 'id'),
            householdMemberOptions: await this.householdMemberOptions(caseId),
            ...(await this.caseManagerOf(caseId)),
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

  /**
   * The case's running instance of a path, if any: a path that ended may be started again (a
   * new pact after the benefit's renewal, a minor's protection reopened).
   */
  async running(
    manager: EntityManager,
    caseId: string,
    bpmnProcessId: string,
  ): Promise<string | null> {
    const recorded: Array<{ key: string }> = await manager.query(
      `SELECT process_instance_key::text AS key FROM case_path WHERE case_id = $1 AND bpmn_process_id = $2`,
      [caseId, bpmnProcessId],
    );
    if (recorded.length === 0) return null;
    const instances = await this.readModel.instanceTrees(
      manager,
      recorded.map((r) => r.key),
    );
    return (
      instances.find(
        (i) => i.key === i.rootKey && i.state === 'ACTIVE' && i.bpmnProcessId === bpmnProcessId,
      )?.key ?? null
    );
  }

  /** Owes the path to a case being opened, in its transaction (see startRequested). */
  async request(manager: EntityManager, caseId: string, path: PathToOpen): Promise<void> {
    await manager.query(
      `INSERT INTO case_path_request (case_id, path) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [caseId, path],
    );
  }

  /**
   * Starts the paths owed to cases (all of them, or one case's, right after it opened): an
   * engine that cannot start one now leaves it owed and the error noted, for the next pass.
   */
  async startRequested(caseId?: string, olderThanMs = 0): Promise<number> {
    // Claimed first: replicas passing at the same moment would otherwise both find no instance
    // under the case number and start the path twice.
    const owed: Array<OpenedCase & { path: PathToOpen }> = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE case_path_request SET claimed_until = now() + ${START_LEASE}
          WHERE (case_id, path) IN (
            SELECT case_id, path FROM case_path_request
             WHERE ($1::uuid IS NULL OR case_id = $1)
               AND requested_at <= now() - make_interval(secs => $2::float8 / 1000)
               AND (claimed_until IS NULL OR claimed_until < now())
             ORDER BY requested_at LIMIT 20 FOR UPDATE SKIP LOCKED)
         RETURNING case_id, path, requested_at)
       SELECT r.case_id AS "caseId", r.path, c.case_number AS "caseNumber", c.unit_code AS "unitCode"
         FROM claimed r JOIN social_case c ON c.id = r.case_id
        ORDER BY r.requested_at`,
      // The database's clock: a cutoff taken in JavaScript has whole milliseconds, and missed
      // a request owed in the same millisecond as this call (the one of a case just opened).
      [caseId ?? null, olderThanMs],
    );
    let started = 0;
    for (const request of owed) {
      try {
        await this.start(request, request.path);
        await this.dataSource.query(
          `DELETE FROM case_path_request WHERE case_id = $1 AND path = $2`,
          [request.caseId, request.path],
        );
        started += 1;
      } catch (error) {
        const reason =
          error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        this.logger.warn(
          `path ${request.path} of case ${request.caseId} not started yet: ${reason}`,
        );
        await this.dataSource.query(
          `UPDATE case_path_request SET attempts = attempts + 1, last_error = $3, claimed_until = NULL
            WHERE case_id = $1 AND path = $2`,
          [request.caseId, request.path, reason],
        );
      }
    }
    return started;
  }

  /**
   * The mandated paths by the name of their latest deployed version, for choosing one (the
   * case search's filter); a path not deployed is left out.
   */
  async options(): Promise<PathOptionDto[]> {
    const rows: Array<Omit<PathOptionDto, 'path'>> = await this.dataSource.query(
      `SELECT DISTINCT ON (bpmn_process_id) bpmn_process_id AS "bpmnProcessId",
              COALESCE(NULLIF(name, ''), bpmn_process_id) AS name
         FROM process_definition WHERE bpmn_process_id = ANY($1)
        ORDER BY bpmn_process_id, version DESC`,
      [Object.values(PATH_PROCESS_IDS)],
    );
    const pathOf = new Map<string, PathToOpen>(
      PATHS_TO_OPEN.map((path) => [PATH_PROCESS_IDS[path], path]),
    );
    return rows
      .map((row) => ({ ...row, path: pathOf.get(row.bpmnProcessId)! }))
      .sort((a, b) => a.name.localeCompare(b.name, 'it'));
  }

  /**
   * The other members of the case's household, for a step that opens a path for one of them
   * (percorsi:open-family-path): value = person id, label = name, relationship and birth date.
   */
  private async householdMemberOptions(caseId: string): Promise<Variables[]> {
    const rows: Array<{ value: string; label: string }> = await this.dataSource.query(
      `SELECT p.id AS value,
              concat_ws(' ', p.surname, p.name) || ' (' || concat_ws(', ', hm.relationship,
                'nato/a il ' || to_char(p.birth_date, 'DD/MM/YYYY')) || ')' AS label
         FROM social_case c JOIN household_member hm ON hm.household_id = c.household_id
         JOIN person p ON p.id = hm.person_id
        WHERE c.id = $1 AND hm.person_id <> c.person_id
        ORDER BY p.birth_date NULLS LAST, p.surname, p.name`,
      [caseId],
    );
    return rows.map((o) => ({ value: o.value, label: o.label }));
  }

  /**
   * A case that already has a case manager (another path on an open case, a case a caseworker
   * opened) tells the path who: the take in charge then proposes them, and a path that assigns
   * only when nobody is (tutela-minori, invio-altro-servizio) goes straight to them.
   */
  private async caseManagerOf(
    caseId: string,
  ): Promise<{ caseManagerId: string; caseManager: string } | Record<string, never>> {
    const [holder]: Array<{ id: string; username: string }> = await this.dataSource.query(
      `SELECT a.id, a.username FROM social_case c JOIN account a ON a.id = c.case_manager_id
        WHERE c.id = $1 AND a.active`,
      [caseId],
    );
    return holder ? { caseManagerId: holder.id, caseManager: holder.username } : {};
  }
}
