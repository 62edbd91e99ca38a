import { ExpressionError } from '../feel';
import { IncidentErrorType, Key } from '../types';
import { CommandError } from './command-error';
import { EVENT_START_PREFIX } from './event-sub-processes';
import { IncidentError } from './job-spec';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord, IncidentRecord } from './runtime-state';

/** Incidents: raised from failures, resolved by a retry that re-attempts what failed. */
export class Incidents {
  constructor(private readonly core: RuntimeCore) {}

  /** Records an incident from a failure; the behaviour waits, retryIncident re-attempts. */
  raise(
    record: ElementInstanceRecord,
    executionId: string | null,
    error: unknown,
    fallbackType: IncidentErrorType = 'EXTRACT_VALUE_ERROR',
    jobKey: Key | null = null,
  ): IncidentRecord {
    let errorType = fallbackType;
    let errorMessage: string;
    if (error instanceof IncidentError) {
      errorType = error.errorType;
      errorMessage = error.message;
    } else if (error instanceof ExpressionError) {
      errorMessage = error.message;
    } else if (error instanceof Error) {
      // A bug in the engine must not pass silently: keep it visible as an incident.
      errorType = 'UNKNOWN';
      errorMessage = error.message;
    } else {
      errorMessage = String(error);
    }
    const incident: IncidentRecord = {
      key: this.core.nextKey(),
      errorType,
      errorMessage,
      elementId: record.elementId,
      elementInstanceKey: record.key,
      executionId,
      jobKey,
    };
    this.core.state.incidents[incident.key] = incident;
    this.core.effects.incidentsCreated.push({
      key: incident.key,
      errorType,
      errorMessage,
      elementId: record.elementId,
      elementInstanceKey: record.key,
      processInstanceKey: this.core.state.processInstanceKey,
      bpmnProcessId: this.core.state.bpmnProcessId,
      jobKey,
    });
    return incident;
  }

  /** The open incident a behaviour waits on under this retry key, if any. */
  open(retryKey: string): IncidentRecord | undefined {
    return Object.values(this.core.state.incidents).find((i) => i.executionId === retryKey);
  }

  resolve(incident: IncidentRecord): void {
    delete this.core.state.incidents[incident.key];
    this.core.effects.incidentsResolved.push({
      key: incident.key,
      elementInstanceKey: incident.elementInstanceKey,
    });
  }

  /** The elements held behind an incident whose element ended wait behind a new one on the first of them. */
  handOverHolds(incident: IncidentRecord): void {
    const held = (incident.holds ?? [])
      .map((executionId) => this.core.recordByExecution(executionId))
      .filter((r): r is ElementInstanceRecord => r?.phase === 'ACTIVATING');
    const [first, ...rest] = held;
    if (!first) return;
    const next = this.raise(
      first,
      first.executionId,
      new IncidentError(incident.errorType, incident.errorMessage),
    );
    if (rest.length) next.holds = rest.map((r) => r.executionId);
  }

  /** retryIncident: resolves the incident and re-attempts what failed. */
  retry(incidentKey: Key): void {
    const incident = this.core.state.incidents[incidentKey];
    if (!incident) {
      throw new CommandError(
        'NOT_FOUND',
        `Expected to resolve incident with key '${incidentKey}', but no such incident was found`,
      );
    }
    const job = incident.jobKey ? this.core.state.jobs[incident.jobKey] : undefined;
    if (job && job.retries <= 0) {
      // Zeebe's rule: resolving does not reset retries; the operator updates them first.
      throw new CommandError(
        'INVALID_STATE',
        `Expected to resolve incident with key '${incidentKey}', but job with key '${job.key}' has no retries left. Please update the job retries and retry resolving the incident`,
      );
    }
    this.resolve(incident);
    if (incident.jobKey) {
      const job = this.core.state.jobs[incident.jobKey];
      if (job) this.core.jobs.reoffer(job);
      return;
    }
    if (incident.executionId?.startsWith(EVENT_START_PREFIX)) {
      const scope = this.core.state.instances[incident.elementInstanceKey];
      if (scope) this.core.eventSubProcesses.openOrIncident(scope);
      return;
    }
    const waiter = incident.executionId ? this.core.waiters.get(incident.executionId) : undefined;
    if (!waiter?.retry)
      throw new Error(`nothing waits to retry incident ${incidentKey} at ${incident.elementId}`);
    waiter.retry();
    for (const held of incident.holds ?? []) {
      // Ended meanwhile (e.g. an interrupting event): nothing to resume.
      if (this.core.recordByExecution(held)?.phase === 'ACTIVATING')
        this.core.waiters.get(held)?.retry?.();
    }
  }
}
