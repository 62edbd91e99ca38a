import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { systemActor } from '../../audit/audit.service';
import { CasePathsService, OpenedCase } from '../../cases/case-paths.service';
import { CasesService } from '../../cases/cases.service';
import { isPathToOpen } from '../../cases/paths';
import { JobFailure } from '../../engine/workers/job-errors';
import { Job } from '../../engine/workers/job';
import { JobWorker } from '../../engine/workers/job-worker.decorator';

interface FamilyPathVariables {
  /** The case whose path asks for help for another member of its household. */
  caseId: string;
  /** The household member the path is for (a value of `householdMemberOptions`). */
  familyMemberPersonId?: string | null;
  /** Why, in the caseworker's words: it reaches the new path as `familyPathReason`. */
  familyPathReason?: string | null;
}

/**
 * Help for the whole family: a step of one member's path opens a mandated path for another
 * member of the same household (e.g. the ADI pact reveals a child at risk → the minors' path),
 * on that member's open case in the unit, or on a new case of the household if there is none.
 */
@Injectable()
export class FamilyWorkers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly casePaths: CasePathsService,
  ) {}

  /** Header `path`: the access sheet's value of the path to open (src/cases/paths.ts). */
  @JobWorker({ type: 'percorsi:open-family-path' })
  async openFamilyPath(
    job: Job<FamilyPathVariables, { path?: string }>,
  ): Promise<{ familyCaseId: string; familyCaseNumber: string }> {
    const path = job.customHeaders.path;
    if (!isPathToOpen(path)) {
      throw new JobFailure(`percorso da aprire sconosciuto: «${String(path)}»`, { retries: 0 });
    }
    const { caseId, familyMemberPersonId: personId, familyPathReason } = job.variables;
    if (!personId) {
      throw new JobFailure('non è indicato il familiare per cui aprire il percorso', {
        retries: 0,
      });
    }
    // At least once: a second run finds the case the first one opened, and the path running.
    const { opened, from } = await this.dataSource.transaction(async (manager) => {
      const [origin] = await manager.query(
        `SELECT case_number, unit_code, household_id FROM social_case WHERE id = $1`,
        [caseId],
      );
      if (!origin?.household_id) {
        throw new JobFailure('la cartella non è collegata a un nucleo familiare', { retries: 0 });
      }
      const member = await manager.query(
        `SELECT 1 FROM household_member WHERE household_id = $1 AND person_id = $2`,
        [origin.household_id, personId],
      );
      if (member.length === 0) {
        throw new JobFailure(
          'la persona indicata non fa parte del nucleo familiare della cartella',
          {
            retries: 0,
          },
        );
      }
      const unitCode = origin.unit_code as string;
      const [open] = await manager.query(
        `SELECT id, case_number FROM social_case WHERE person_id = $1 AND unit_code = $2 AND status = 'open'`,
        [personId, unitCode],
      );
      const opened: OpenedCase = open
        ? { caseId: open.id, caseNumber: open.case_number, unitCode }
        : {
            ...(await this.cases.openIn(manager, systemActor(unitCode), {
              personId,
              householdId: origin.household_id,
              unitCode,
            })),
            unitCode,
          };
      return { opened, from: origin.case_number as string };
    });
    await this.casePaths.start(opened, path, {
      openedFromCase: from,
      familyPathReason: familyPathReason ?? null,
    });
    return { familyCaseId: opened.caseId, familyCaseNumber: opened.caseNumber };
  }
}
