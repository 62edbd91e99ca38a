import { Global, Injectable, Module, Scope } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ActivatedJob, ActivateJobsCommand, ProcessEngine, Variables } from '../engine.port';
import { Job } from './job';
import { JobWorker } from './job-worker.decorator';
import { JobWorkersModule } from './job-workers.module';
import { JobWorkers } from './job-workers.service';

const job = (type: string): ActivatedJob => ({
  key: '1',
  type,
  processInstanceKey: '2',
  bpmnProcessId: 'p',
  processDefinitionKey: '9',
  processDefinitionVersion: 1,
  elementId: 'task',
  elementInstanceKey: '3',
  customHeaders: {},
  worker: 'w',
  retries: 3,
  deadline: 0,
  variables: { caseNumber: 'SSC-I-2026-000001' },
});

/** Not the embedded engine: the workers just poll it. */
const queue: ActivatedJob[] = [];
const engine = {
  activateJobs: jest.fn(async (command: ActivateJobsCommand): Promise<ActivatedJob[]> => {
    const taken = queue.filter((j) => j.type === command.type).slice(0, command.maxJobsToActivate);
    taken.forEach((j) => queue.splice(queue.indexOf(j), 1));
    return taken;
  }),
  completeJob: jest.fn(async (_key: string, _variables?: Variables) => undefined),
  // No push: the workers find the jobs by polling.
  onJobsAvailable: jest.fn(() => () => undefined),
};

@Global()
@Module({ providers: [{ provide: ProcessEngine, useValue: engine }], exports: [ProcessEngine] })
class FakeEngineModule {}

@Injectable()
class IntakeWorkers {
  private readonly office = 'Ambito III';

  @JobWorker({ type: 'register', maxJobsActive: 2 })
  register(job: Job<{ caseNumber: string }>): Variables {
    return { registeredBy: `${this.office}:${job.variables.caseNumber}` };
  }

  notAWorker(): string {
    return 'ignored';
  }
}

@Injectable()
class OtherWorkers {
  @JobWorker({ type: 'register' })
  registerAgain(): void {}
}

@Injectable({ scope: Scope.REQUEST })
class ScopedWorkers {
  @JobWorker({ type: 'scoped' })
  handle(): void {}
}

const boot = async (...providers: Array<new (...args: never[]) => object>) => {
  @Module({ providers })
  class FeatureModule {}
  const moduleRef = await Test.createTestingModule({
    imports: [FakeEngineModule, JobWorkersModule, FeatureModule],
  }).compile();
  return moduleRef.init();
};

describe('JobWorkers discovery', () => {
  beforeEach(() => {
    queue.length = 0;
    jest.clearAllMocks();
  });

  it('finds @JobWorker methods on the providers of any module and runs them with their own `this`', async () => {
    queue.push(job('register'));
    const app = await boot(IntakeWorkers);
    try {
      expect(app.get(JobWorkers).types).toEqual(['register']);
      await app.get(JobWorkers).pollNow();
      await new Promise((resolve) => setImmediate(resolve));
      expect(engine.activateJobs).toHaveBeenCalledWith(
        expect.objectContaining({
          type: 'register',
          maxJobsToActivate: 2,
          worker: expect.stringMatching(/^percorsi-.+-\d+$/),
        }),
      );
      expect(engine.completeJob.mock.calls).toEqual([
        ['1', { registeredBy: 'Ambito III:SSC-I-2026-000001' }],
      ]);
    } finally {
      await app.close();
    }
  });

  it('refuses two workers for one job type, naming both', async () => {
    await expect(boot(IntakeWorkers, OtherWorkers)).rejects.toThrow(
      'two @JobWorker methods serve job type register: IntakeWorkers.register and OtherWorkers.registerAgain',
    );
  });

  it('refuses a request-scoped worker', async () => {
    await expect(boot(ScopedWorkers)).rejects.toThrow(/cannot be request-scoped/);
  });

  it('refuses options that cannot work, when the class is defined', () => {
    expect(() => JobWorker({ type: 'x', maxJobsActive: 0 })).toThrow(/maxJobsActive/);
    expect(() => JobWorker({ type: ' ' })).toThrow(/type is required/);
  });
});
