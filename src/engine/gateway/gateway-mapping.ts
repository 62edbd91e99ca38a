import { IncomingMessage, ServerResponse } from 'node:http';
import { refuseDeepJson } from '../../common/json-depth';
import {
  ActivatedJob,
  ActivateJobsCommand,
  CreatedInstance,
  DeployedProcess,
  DeployResource,
  Variables,
} from '../engine.port';
import { invalidArgument } from './gateway-errors';
import * as proto from './gateway-messages';

/** The only tenant of a Zeebe without multi-tenancy. */
export const DEFAULT_TENANT = '<default>';

/** What a requestTimeout of 0 means, as Zeebe's gateway default. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** The port gives no key for some commands (deployment, variables, signal): protobuf's "unset". */
export const NO_KEY = '0';

/** Without multi-tenancy Zeebe takes no tenant, or the default one, and refuses any other. */
export function requireDefaultTenant(...tenantIds: string[]): void {
  const other = tenantIds.find((id) => id !== '' && id !== DEFAULT_TENANT);
  if (other !== undefined) {
    throw invalidArgument(`tenant '${other}' does not exist: multi-tenancy is disabled`);
  }
}

/**
 * A variables document: JSON text whose root is an object (empty text: none), nested no deeper
 * than the HTTP API accepts (a deep document could exhaust the engine's recursion).
 */
export function parseVariables(json: string, maxDepth: number, field = 'variables'): Variables {
  if (json.trim() === '') return {};
  let value: unknown;
  try {
    refuseDeepJson(maxDepth)({} as IncomingMessage, {} as ServerResponse, Buffer.from(json));
    value = JSON.parse(json);
  } catch {
    throw invalidArgument(`${field} is not a JSON document nested at most ${maxDepth} deep`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument(`${field} must be a JSON document whose root is an object`);
  }
  return value as Variables;
}

/** Longer durations would push dates past what a Date (and the database) can hold. */
const MAX_DURATION_MS = 1e12;

/** An int64 count of milliseconds (a timeout, a time to live, a back-off). */
export function millis(value: string, field: string): number {
  const ms = Number(value);
  if (ms > MAX_DURATION_MS) throw invalidArgument(`${field} must be at most ${MAX_DURATION_MS} ms`);
  return ms;
}

/** Only these variables (all when no names are given), as Zeebe's fetchVariables. */
export function pickVariables(variables: Variables, names: readonly string[]): Variables {
  if (names.length === 0) return variables;
  return Object.fromEntries(names.filter((n) => n in variables).map((n) => [n, variables[n]]));
}

/** A job request's common part; ActivateJobs adds how many. */
export function toJobCommand(
  request: proto.StreamActivatedJobsRequest,
): Omit<ActivateJobsCommand, 'maxJobsToActivate'> {
  requireDefaultTenant(...request.tenantIds);
  if (request.type.trim() === '') throw invalidArgument('type must not be blank');
  const timeoutMs = millis(request.timeout, 'timeout');
  if (timeoutMs < 1) throw invalidArgument('timeout must be at least 1 ms');
  return {
    type: request.type,
    worker: request.worker,
    timeoutMs,
    fetchVariables: request.fetchVariable.length > 0 ? request.fetchVariable : undefined,
  };
}

/** A file name as the HTTP API takes it: no folders, no control characters. */
const RESOURCE_NAME = /^[^/\\\p{Cc}]{1,250}\.(bpmn|xml)$/iu;

/**
 * The engine runs BPMN only: decisions (.dmn) and forms are refused rather than ignored. Clients
 * send a file's path as its name (the SDK's `processFilename`): the file name is kept.
 */
export function toDeployResources(request: proto.DeployResourceRequest): DeployResource[] {
  if (request.resources.length === 0) throw invalidArgument('no resources given');
  return request.resources.map(({ name: path, content }) => {
    const name = path.split(/[/\\]/).pop() ?? '';
    if (!RESOURCE_NAME.test(name)) {
      throw invalidArgument(`resource '${name}': only BPMN models (.bpmn) can be deployed here`);
    }
    return { name, content: content.toString('utf8') };
  });
}

export function toDeployResponse(processes: DeployedProcess[]): proto.DeployResourceResponse {
  return {
    key: NO_KEY,
    deployments: processes.map((process) => ({
      process: { ...process, tenantId: DEFAULT_TENANT },
    })),
    tenantId: DEFAULT_TENANT,
  };
}

export function toCreateResponse(created: CreatedInstance): proto.CreateProcessInstanceResponse {
  return { ...created, tenantId: DEFAULT_TENANT };
}

export function toProtoJob(job: ActivatedJob): proto.ActivatedJob {
  return {
    ...job,
    customHeaders: JSON.stringify(job.customHeaders),
    deadline: String(job.deadline),
    variables: JSON.stringify(job.variables),
    tenantId: DEFAULT_TENANT,
  };
}
