import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { Actor } from '../../auth/actor.decorator';
import { USER_TASK_JOB_TYPE } from '../../tasks/user-task-headers.util';
import { ProcessEngine } from '../engine.port';
import {
  ActivatedJobsDto,
  ActivateJobsDto,
  CompleteJobDto,
  FailJobDto,
  ThrowJobErrorDto,
  toActivatedJobDto,
  UpdateJobRetriesDto,
} from './dto/job.dto';
import { callEngine, EngineErrorAnswers } from './engine-errors';
import { EngineReadRepository } from './engine-read.repository';

/** Unknown, completed, cancelled or (for a worker) failed jobs: Zeebe's NOT_FOUND. */
const answers = (): EngineErrorAnswers => ({
  notFound: new NotFoundException('Job non trovato, oppure già concluso.'),
  conflict: new ConflictException('Il job non può essere modificato nello stato attuale.'),
});

/**
 * What external workers do with jobs, as Zeebe's job commands. A job hands its case's data to
 * the program, so each activation of a case's job is in the access log. User tasks are the
 * tasklist's: completing one here would skip its form, its holder and the case's rules.
 */
@Injectable()
export class JobsService {
  constructor(
    private readonly engine: ProcessEngine,
    private readonly read: EngineReadRepository,
    private readonly audit: AuditService,
  ) {}

  async activate(actor: Actor, dto: ActivateJobsDto): Promise<ActivatedJobsDto> {
    if (dto.type === USER_TASK_JOB_TYPE) throw userTaskRefused();
    const jobs = await this.engine.activateJobs({
      type: dto.type,
      maxJobsToActivate: dto.maxJobs,
      timeoutMs: dto.timeoutMs,
      worker: dto.worker,
      fetchVariables: dto.fetchVariables,
    });
    for (const job of jobs) {
      const owner = await this.read.caseOf(job.processInstanceKey);
      if (!owner) continue;
      await this.audit.record(actor, {
        action: 'read',
        entity: 'case',
        entityId: owner.caseId,
        caseId: owner.caseId,
        personIds: [owner.personId],
        reason: `Job ${job.type} (${job.elementId}) consegnato al worker ${dto.worker}`,
      });
    }
    return { jobs: jobs.map(toActivatedJobDto) };
  }

  async complete(key: string, dto: CompleteJobDto): Promise<void> {
    await this.refuseUserTask(key);
    return callEngine(() => this.engine.completeJob(key, dto.variables), answers());
  }

  async fail(key: string, dto: FailJobDto): Promise<void> {
    await this.refuseUserTask(key);
    return callEngine(
      () =>
        this.engine.failJob(key, {
          retries: dto.retries,
          errorMessage: dto.errorMessage,
          retryBackOffMs: dto.retryBackOffMs,
        }),
      answers(),
    );
  }

  async throwError(key: string, dto: ThrowJobErrorDto): Promise<void> {
    await this.refuseUserTask(key);
    return callEngine(
      () =>
        this.engine.throwError(key, {
          errorCode: dto.errorCode,
          errorMessage: dto.errorMessage,
          variables: dto.variables,
        }),
      answers(),
    );
  }

  updateRetries(key: string, dto: UpdateJobRetriesDto): Promise<void> {
    return callEngine(() => this.engine.updateJobRetries(key, dto.retries), answers());
  }

  private async refuseUserTask(key: string): Promise<void> {
    if ((await this.read.jobType(key)) === USER_TASK_JOB_TYPE) throw userTaskRefused();
  }
}

function userTaskRefused(): BadRequestException {
  return new BadRequestException(
    'I compiti degli operatori si svolgono dalla lista delle attività, non attraverso i job.',
  );
}
