/**
 * The gateway protocol's messages this gateway reads and writes, as the proto loader hands them
 * over (gateway-proto.ts): names as in the .proto, int64 as decimal strings, every field present.
 * Keys are the port's `Key`s; durations (ms) and variables (JSON text) are parsed in
 * gateway-mapping.ts.
 */
type Int64 = string;

export type TenantScoped = { tenantId: string };

export interface TopologyResponse {
  brokers: Array<{
    nodeId: number;
    host: string;
    port: number;
    partitions: Array<{ partitionId: number; role: 'LEADER'; health: 'HEALTHY' }>;
    version: string;
  }>;
  clusterSize: number;
  partitionsCount: number;
  replicationFactor: number;
  gatewayVersion: string;
}

export interface DeployResourceRequest extends TenantScoped {
  resources: Array<{ name: string; content: Buffer }>;
}

export interface ProcessMetadata extends TenantScoped {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: Int64;
  resourceName: string;
}

export interface DeployResourceResponse extends TenantScoped {
  key: Int64;
  deployments: Array<{ process: ProcessMetadata }>;
}

export interface CreateProcessInstanceRequest extends TenantScoped {
  processDefinitionKey: Int64;
  bpmnProcessId: string;
  version: number;
  variables: string;
  startInstructions: Array<{ elementId: string }>;
}

export interface CreateProcessInstanceResponse extends TenantScoped {
  processDefinitionKey: Int64;
  bpmnProcessId: string;
  version: number;
  processInstanceKey: Int64;
}

export interface CreateProcessInstanceWithResultRequest {
  /** A message field: null when the client sent none. */
  request: CreateProcessInstanceRequest | null;
  requestTimeout: Int64;
  fetchVariables: string[];
}

export interface CreateProcessInstanceWithResultResponse extends CreateProcessInstanceResponse {
  variables: string;
}

export interface CancelProcessInstanceRequest {
  processInstanceKey: Int64;
}

export interface PublishMessageRequest extends TenantScoped {
  name: string;
  correlationKey: string;
  timeToLive: Int64;
  messageId: string;
  variables: string;
}

export interface StreamActivatedJobsRequest {
  type: string;
  worker: string;
  timeout: Int64;
  fetchVariable: string[];
  tenantIds: string[];
}

export interface ActivateJobsRequest extends StreamActivatedJobsRequest {
  maxJobsToActivate: number;
  requestTimeout: Int64;
}

export interface ActivatedJob extends TenantScoped {
  key: Int64;
  type: string;
  processInstanceKey: Int64;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: Int64;
  elementId: string;
  elementInstanceKey: Int64;
  customHeaders: string;
  worker: string;
  retries: number;
  deadline: Int64;
  variables: string;
}

export interface ActivateJobsResponse {
  jobs: ActivatedJob[];
}

export interface CompleteJobRequest {
  jobKey: Int64;
  variables: string;
}

export interface FailJobRequest {
  jobKey: Int64;
  retries: number;
  errorMessage: string;
  retryBackOff: Int64;
  variables: string;
}

export interface ThrowErrorRequest {
  jobKey: Int64;
  errorCode: string;
  errorMessage: string;
  variables: string;
}

export interface UpdateJobRetriesRequest {
  jobKey: Int64;
  retries: number;
}

export interface UpdateJobTimeoutRequest {
  jobKey: Int64;
  timeout: Int64;
}

export interface ResolveIncidentRequest {
  incidentKey: Int64;
}

export interface SetVariablesRequest {
  elementInstanceKey: Int64;
  variables: string;
  local: boolean;
}

export interface BroadcastSignalRequest extends TenantScoped {
  signalName: string;
  variables: string;
}

/** A command's key (SetVariables, BroadcastSignal). */
export interface KeyResponse {
  key: Int64;
}

export type Empty = Record<string, never>;
