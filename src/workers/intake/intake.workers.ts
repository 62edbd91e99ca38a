import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, systemActor } from '../../audit/audit.service';
import { CasePathsService } from '../../cases/case-paths.service';
import { CasesService } from '../../cases/cases.service';
import { isPathToOpen, PathToOpen } from '../../cases/paths';
import { Variables } from '../../engine/engine.port';
import { JobFailure } from '../../engine/workers/job-errors';
import { Job } from '../../engine/workers/job';
import { JobWorker } from '../../engine/workers/job-worker.decorator';

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
    private readonly casePaths: CasePathsService,
    private readonly audit: AuditService,
  ) {}

  /** Opens the case for the person concerned (registering them if needed) and starts the path the sheet chose. */
  @JobWorker({ type: 'percorsi:open-case' })
  async openCase(job: Job<IntakeVariables>): Promise<{ caseId: string; caseNumber: string }> {
    const { referralId, unitCode, pathToOpen, personConcerned } = job.variables;
    const path = requirePath(pathToOpen);
    const opened = await this.dataSource.transaction(async (manager) => {
      const [referral] = await manager.query(
        `SELECT r.case_id, r.person_id, r.received_at, c.case_number
           FROM referral r LEFT JOIN social_case c ON c.id = r.case_id
          WHERE r.id = $1 FOR UPDATE OF r`,
        [referralId],
      );
      if (!referral) throw new JobFailure(`segnalazione ${referralId} non trovata`, { retries: 0 });
      const receivedAt = (referral.received_at as Date).toISOString();
      if (referral.case_id) {
        return {
          caseId: referral.case_id as string,
          caseNumber: referral.case_number as string,
          receivedAt,
        };
      }
      const personId = referral.person_id ?? (await this.personFromSheet(manager, job.variables));
      const actor = systemActor(unitCode);
      const { caseId, caseNumber } = await this.cases.openIn(manager, actor, {
        personId,
        unitCode,
        referralId,
      });
      await manager.query(
        `UPDATE referral SET status = 'case-opened', outcome = 'takeInCharge', case_id = $2, person_id = $3 WHERE id = $1`,
        [referralId, caseId, personId],
      );
      return { caseId, caseNumber, receivedAt };
    });
    // The person's name, for the take-in-charge form; nothing else of the sheet is relied on.
    // When the request arrived (not when the sheet was done): an urgent one is out of hours or
    // not by that time.
    const { receivedAt, ...started } = opened;
    const variables: Variables = {
      receivedAt,
      ...(personConcerned && {
        personConcerned: {
          lastName: personConcerned.lastName ?? null,
          firstName: personConcerned.firstName ?? null,
        },
      }),
    };
    await this.casePaths.start({ ...started, unitCode }, path, variables);
    return started;
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
}

/** The access sheet's path, or a failure an administrator sees (retrying cannot fix the data). */
function requirePath(pathToOpen: unknown): PathToOpen {
  if (isPathToOpen(pathToOpen)) return pathToOpen;
  throw new JobFailure(
    pathToOpen === undefined || pathToOpen === null
      ? 'la scheda di accesso non indica il percorso da aprire'
      : `percorso da aprire sconosciuto: «${String(pathToOpen)}»`,
    { retries: 0 },
  );
}
