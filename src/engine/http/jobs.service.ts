import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
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

/** Unknown, completed, cancelled or (for a worker) failed jobs: Zeebe's NOT_FOUND. */
const answers = (): EngineErrorAnswers => ({
  notFound: new NotFoundException('Job non trovato, oppure già concluso.'),
  conflict: new ConflictException('Il job non può essere modificato nello stato attuale.'),
});

/** What external workers do with jobs, as Zeebe's job commands. */
@Injectable()
export class JobsService {
  constructor(private readonly engine: ProcessEngine) {}

  async activate(dto: ActivateJobsDto): Promise<ActivatedJobsDto> {
    const jobs = await this.engine.activateJobs({
      type: dto.type,
      maxJobsToActivate: dto.maxJobs,
      timeoutMs: dto.timeoutMs,
      worker: dto.worker,
      fetchVariables: dto.fetchVariables,
    });
    return { jobs: jobs.map(toActivatedJobDto) };
  }

  complete(key: string, dto: CompleteJobDto): Promise<void> {
    return callEngine(() => this.engine.completeJob(key, dto.variables), answers());
  }

  fail(key: string, dto: FailJobDto): Promise<void> {
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

  throwError(key: string, dto: ThrowJobErrorDto): Promise<void> {
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
}
