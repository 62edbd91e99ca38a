import { Zeebe } from '@camunda8/sdk';
import { ActivateJobsCommand, ActivatedJob, Variables } from '../engine.port';

/** A job as the gateway sends it: int64s as decimal strings, variables and headers as JSON text. */
interface GrpcJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: string;
  worker: string;
  retries: number;
  deadline: string;
  variables: string;
}

interface ActivationStream {
  on(event: 'data', listener: (response: { jobs: GrpcJob[] }) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

interface SdkGrpcChannel {
  activateJobsStream(request: object): Promise<ActivationStream | { error: Error } | undefined>;
}

/**
 * One ActivateJobs call that answers at once (no long polling: the port's callers poll, and
 * their wake-up is the engine's). The SDK's own `activateJobs` resolves on the first response
 * only and never when the gateway ends the call without one (no job), so the call is made on the
 * SDK's gRPC channel, which still carries the client's credentials and TLS.
 */
export async function activateJobs(
  zeebe: Zeebe.ZeebeGrpcClient,
  command: ActivateJobsCommand,
): Promise<ActivatedJob[]> {
  const channel = await (zeebe as unknown as { grpc: Promise<SdkGrpcChannel> }).grpc;
  const stream = await channel.activateJobsStream({
    type: command.type,
    worker: command.worker,
    timeout: command.timeoutMs,
    maxJobsToActivate: command.maxJobsToActivate,
    fetchVariable: command.fetchVariables ?? [],
    requestTimeout: -1,
    tenantIds: [],
  });
  if (!stream) throw new Error('the Zeebe client is closing');
  if ('error' in stream) throw stream.error;
  const jobs: GrpcJob[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (response) => jobs.push(...response.jobs));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  return jobs.map(toActivatedJob);
}

function toActivatedJob(job: GrpcJob): ActivatedJob {
  return {
    key: job.key,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionKey: job.processDefinitionKey,
    processDefinitionVersion: job.processDefinitionVersion,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: JSON.parse(job.customHeaders || '{}') as Record<string, string>,
    worker: job.worker,
    retries: job.retries,
    deadline: Number(job.deadline),
    variables: JSON.parse(job.variables || '{}') as Variables,
  };
}
