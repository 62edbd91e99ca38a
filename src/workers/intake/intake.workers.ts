import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, systemActor } from '../../audit/audit.service';
import { CasesService } from '../../cases/cases.service';
import { ProcessEngine } from '../../engine/engine.port';
import { JobFailure } from '../../engine/workers/job-errors';
import { Job } from '../../engine/workers/job';
import { JobWorker } from '../../engine/workers/job-worker.decorator';

/** The path a case opened by the intake starts on (bpmn/paths/presa-in-carico.bpmn). */
export const TAKE_IN_CHARGE_PROCESS_ID = 'presa-in-carico';

interface IntakeVariables {
  referralId: string;
  unitCode: string;
  outcome?: string;
  pathToOpen?: string;
  /** The access sheet's "persona interessata" group (bpmn/forms/intake-access-sheet.form). */
  personConcerned?: { lastName?: string; firstName?: string; taxCode?: string; birthDate?: string };
}

interface CaseVariables {
  caseId: string;
  unitCode: string;
  caseManagerId: string;
}

/**
 * The automated steps of the Segretariato Sociale intake. Each is safe to run
 * twice (jobs are delivered at least once): it looks for what an earlier run
 * already did before doing it.
 */
@Injectable()
export class IntakeWorkers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly engine: ProcessEngine,
    private readonly audit: AuditService,
  ) {}

  /** Opens the case for the person concerned (registering them if needed) and starts the take-in-charge path. */
  @JobWorker({ type: 'percorsi:open-case' })
  async openCase(job: Job<IntakeVariables>): Promise<{ caseId: string; caseNumber: string }> {
    const { referralId, unitCode } = job.variables;
    const opened = await this.dataSource.transaction(async (manager) => {
      const [referral] = await manager.query(
        `SELECT r.case_id, r.person_id, c.case_number FROM referral r LEFT JOIN social_case c ON c.id = r.case_id
          WHERE r.id = $1 FOR UPDATE OF r`,
        [referralId],
      );
      if (!referral) throw new JobFailure(`segnalazione ${referralId} non trovata`, { retries: 0 });
      if (referral.case_id)
        return { caseId: referral.case_id as string, caseNumber: referral.case_number as string };
      const personId = referral.person_id ?? (await this.personFromSheet(manager, job.variables));
      const actor = systemActor(unitCode);
      const caseId = await this.cases.openIn(manager, actor, { personId, unitCode, referralId });
      await manager.query(
        `UPDATE referral SET status = 'case-opened', outcome = 'takeInCharge', case_id = $2, person_id = $3 WHERE id = $1`,
        [referralId, caseId, personId],
      );
      const [{ case_number: caseNumber }] = await manager.query(
        `SELECT case_number FROM social_case WHERE id = $1`,
        [caseId],
      );
      return { caseId, caseNumber: caseNumber as string };
    });
    await this.startTakeInCharge(
      opened.caseId,
      opened.caseNumber,
      unitCode,
      job.variables.pathToOpen ?? null,
    );
    return opened;
  }

  /** The referral ends with information, guidance or a referral elsewhere. */
  @JobWorker({ type: 'percorsi:close-referral' })
  async closeReferral(job: Job<IntakeVariables>): Promise<void> {
    await this.dataSource.query(
      `UPDATE referral SET status = 'closed', outcome = $2 WHERE id = $1 AND status = 'received'`,
      [job.variables.referralId, job.variables.outcome ?? null],
    );
  }

  /** Records the case manager the coordinator chose; the first meeting is then theirs. */
  @JobWorker({ type: 'percorsi:assign-case-manager' })
  async assignCaseManager(job: Job<CaseVariables>): Promise<{ caseManager: string }> {
    const { caseId, unitCode, caseManagerId } = job.variables;
    const [account] = await this.dataSource.query(
      `SELECT username FROM account WHERE id = $1 AND active AND unit_code = $2 AND role IN ('caseworker', 'coordinator')`,
      [caseManagerId, unitCode],
    );
    if (!account)
      throw new JobFailure('il case manager scelto non è un operatore attivo di questa unità', {
        retries: 0,
      });
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE social_case SET case_manager_id = $2 WHERE id = $1`, [
        caseId,
        caseManagerId,
      ]);
      await this.audit.record(
        systemActor(unitCode),
        { action: 'update', entity: 'case', entityId: caseId, caseId },
        manager,
      );
    });
    return { caseManager: account.username };
  }

  /** The person named on the access sheet: found by tax code, or registered. */
  private async personFromSheet(
    manager: EntityManager,
    variables: IntakeVariables,
  ): Promise<string> {
    const sheet = variables.personConcerned ?? {};
    const taxCode = sheet.taxCode?.trim().toUpperCase() || null;
    if (taxCode) {
      const [known] = await manager.query(`SELECT id FROM person WHERE tax_code = $1`, [taxCode]);
      if (known) return known.id as string;
    }
    if (!sheet.lastName || !sheet.firstName) {
      throw new JobFailure('la scheda di accesso non indica la persona interessata', {
        retries: 0,
      });
    }
    const [created] = await manager.query(
      `INSERT INTO person (tax_code, surname, name, birth_date) VALUES ($1, $2, $3, $4) RETURNING id`,
      [
        taxCode,
        sheet.lastName.trim(),
        sheet.firstName.trim(),
        sheet.birthDate?.slice(0, 10) || null,
      ],
    );
    return created.id as string;
  }

  /** Starts the path once per case, even if this job runs again after a crash. */
  private async startTakeInCharge(
    caseId: string,
    caseNumber: string,
    unitCode: string,
    path: string | null,
  ): Promise<void> {
    const running = await this.dataSource.query(
      `SELECT 1 FROM case_path WHERE case_id = $1 AND bpmn_process_id = $2`,
      [caseId, TAKE_IN_CHARGE_PROCESS_ID],
    );
    if (running.length > 0) return;
    const [existing] = await this.dataSource.query(
      `SELECT key::text FROM process_instance WHERE business_key = $1 AND bpmn_process_id = $2 LIMIT 1`,
      [caseNumber, TAKE_IN_CHARGE_PROCESS_ID],
    );
    const caseManagerOptions = (
      await this.dataSource.query(
        `SELECT id AS value, display_name AS label FROM account
          WHERE unit_code = $1 AND active AND role IN ('caseworker', 'coordinator') ORDER BY display_name`,
        [unitCode],
      )
    ).map((o: { value: string; label: string }) => ({ value: o.value, label: o.label }));
    const processInstanceKey =
      existing?.key ??
      (
        await this.engine.createInstance({
          bpmnProcessId: TAKE_IN_CHARGE_PROCESS_ID,
          businessKey: caseNumber,
          variables: { caseId, caseNumber, unitCode, pathToOpen: path, caseManagerOptions },
        })
      ).processInstanceKey;
    await this.dataSource.query(
      `INSERT INTO case_path (case_id, bpmn_process_id, process_instance_key, started_at) VALUES ($1, $2, $3, now())
       ON CONFLICT DO NOTHING`,
      [caseId, TAKE_IN_CHARGE_PROCESS_ID, processInstanceKey],
    );
  }
}
