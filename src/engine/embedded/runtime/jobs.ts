import { Key, Variables } from '../types';
import { CommandError } from './command-error';
import { evaluateJobSpec, IncidentError } from './job-spec';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord, JobRecord } from './runtime-state';

/** Jobs of service-like tasks: created on activation, completed or failed by workers. */
export class Jobs {
  constructor(private readonly core: RuntimeCore) {}

  /** Creates the element's job unless it has one. Returns null when an incident holds the element. */
  ensure(record: ElementInstanceRecord): JobRecord | null {
    if (record.jobKey && this.core.state.jobs[record.jobKey])
      return this.core.state.jobs[record.jobKey];
    const meta = this.core.meta(record.elementId);
    let spec;
    try {
      spec = evaluateJobSpec(
        this.core.feel,
        meta,
        this.core.variables.visible(record.key),
        this.core.options.resolveFormKey,
      );
    } catch (err) {
      this.core.incidents.raise(record, record.executionId, err);
      return null;
    }
    const job: JobRecord = {
      key: this.core.nextKey(),
      type: spec.type,
      retries: spec.retries,
      elementId: record.elementId,
      elementInstanceKey: record.key,
      executionId: record.executionId,
      customHeaders: spec.customHeaders,
      state: 'ACTIVATABLE',
    };
    this.core.state.jobs[job.key] = job;
    record.jobKey = job.key;
    this.core.announce(record);
    this.pushCreated(job, false);
    return job;
  }

  private pushCreated(job: JobRecord, reoffered: boolean): void {
    this.core.effects.jobsCreated.push({
      key: job.key,
      type: job.type,
      retries: job.retries,
      elementId: job.elementId,
      elementInstanceKey: job.elementInstanceKey,
      processInstanceKey: this.core.state.processInstanceKey,
      bpmnProcessId: this.core.state.bpmnProcessId,
      customHeaders: { ...job.customHeaders },
      reoffered,
    });
  }

  reoffer(job: JobRecord): void {
    job.state = 'ACTIVATABLE';
    this.pushCreated(job, true);
  }

  job(jobKey: Key): JobRecord {
    const job = this.core.state.jobs[jobKey];
    if (!job) throw new CommandError('NOT_FOUND', `no job ${jobKey}`);
    return job;
  }

  complete(jobKey: Key, variables: Variables): void {
    const job = this.job(jobKey);
    if (job.state !== 'ACTIVATABLE')
      throw new CommandError('INVALID_STATE', `job ${jobKey} is ${job.state}`);
    const waiter = this.core.waiters.get(job.executionId);
    if (!waiter?.onJobCompleted) throw new Error(`nothing waits for job ${jobKey}`);
    waiter.onJobCompleted(variables);
  }

  fail(jobKey: Key, retries: number, errorMessage: string): void {
    const job = this.job(jobKey);
    job.retries = retries;
    if (retries > 0) return;
    job.state = 'FAILED';
    const record = this.core.state.instances[job.elementInstanceKey];
    if (!record) return;
    this.core.incidents.raise(
      record,
      null,
      new IncidentError('JOB_NO_RETRIES', errorMessage || 'No more retries left.'),
      'JOB_NO_RETRIES',
      job.key,
    );
  }

  updateRetries(jobKey: Key, retries: number): void {
    this.job(jobKey).retries = retries;
  }
}
