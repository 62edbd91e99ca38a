import { BUSINESS_KEY_VARIABLE } from '../zeebe/business-key';
import { status } from '@grpc/grpc-js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Principal } from '../../auth/principal';
import { AppConfig } from '../../config/app-config';
import {
  CreateInstanceCommand,
  EngineConflictError,
  EngineNotFoundError,
  ProcessEngine,
  Variables,
} from '../engine.port';
import { GatewayError, invalidArgument } from './gateway-errors';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_TENANT,
  millis,
  NO_KEY,
  parseVariables,
  pickVariables,
  requireDefaultTenant,
  toCreateResponse,
  toDeployResources,
  toDeployResponse,
  toJobCommand,
} from './gateway-mapping';
import * as proto from './gateway-messages';
import { GatewayReads } from './gateway-reads';
import { InstanceResults } from './instance-results';
import { JobActivation } from './job-activation';

/** Where the gateway listens. */
export const ZEEBE_GATEWAY_ADDRESS = Symbol('ZEEBE_GATEWAY_ADDRESS');
export interface GatewayAddress {
  host: string;
  port: number;
}

/** One authenticated call: who makes it, and a signal that aborts when it ends early. */
export interface GatewayCall {
  caller: Principal;
  signal: AbortSignal;
  /** Checks the caller's session again: a stream outlives the check made when it opened. */
  reauthorise(): Promise<void>;
}

/**
 * The gateway's RPCs over the engine port: each reads its request, calls the port, and answers
 * in the protocol's terms. Commands that change what runs are logged with the account's name
 * (never with the variables).
 */
@Injectable()
export class GatewayHandlers {
  private readonly logger = new Logger('ZeebeGateway');

  constructor(
    @Inject(ZEEBE_GATEWAY_ADDRESS) private readonly address: GatewayAddress,
    private readonly config: AppConfig,
    private readonly engine: ProcessEngine,
    private readonly jobs: JobActivation,
    private readonly results: InstanceResults,
    private readonly reads: GatewayReads,
  ) {}

  /** One broker with one partition: the embedded engine is the whole cluster. */
  topology(): proto.TopologyResponse {
    return {
      brokers: [
        {
          nodeId: 0,
          host: this.address.host,
          port: this.address.port,
          partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
          version: '8.5.0',
        },
      ],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: '8.5.0',
    };
  }

  async deployResource(
    request: proto.DeployResourceRequest,
    { caller }: GatewayCall,
  ): Promise<proto.DeployResourceResponse> {
    requireDefaultTenant(request.tenantId);
    const processes = await this.engine.deploy(toDeployResources(request), caller.username);
    const deployed = processes.map((p) => `${p.bpmnProcessId} v${p.version}`).join(', ');
    this.logChange(caller, 'DeployResource', `deployed ${deployed}`);
    return toDeployResponse(processes);
  }

  async createProcessInstance(
    request: proto.CreateProcessInstanceRequest,
  ): Promise<proto.CreateProcessInstanceResponse> {
    const created = await this.engine.createInstance(await this.toCreateCommand(request));
    return toCreateResponse(created);
  }

  /** Answers once the instance completes, with its variables; the instance outlives a timeout. */
  async createProcessInstanceWithResult(
    request: proto.CreateProcessInstanceWithResultRequest,
    { signal }: GatewayCall,
  ): Promise<proto.CreateProcessInstanceWithResultResponse> {
    if (!request.request) throw invalidArgument('request is required');
    const timeoutMs = millis(request.requestTimeout, 'requestTimeout');
    const created = await this.engine.createInstance(await this.toCreateCommand(request.request));
    const variables = await this.results.completion(
      created.processInstanceKey,
      timeoutMs > 0 ? timeoutMs : DEFAULT_REQUEST_TIMEOUT_MS,
      signal,
    );
    return {
      ...toCreateResponse(created),
      variables: JSON.stringify(pickVariables(variables, request.fetchVariables)),
    };
  }

  async cancelProcessInstance(
    request: proto.CancelProcessInstanceRequest,
    { caller }: GatewayCall,
  ): Promise<proto.Empty> {
    await this.engine.cancelInstance(request.processInstanceKey);
    this.logChange(caller, 'CancelProcessInstance', `cancelled ${request.processInstanceKey}`);
    return {};
  }

  async publishMessage(
    request: proto.PublishMessageRequest,
  ): Promise<proto.KeyResponse & proto.TenantScoped> {
    requireDefaultTenant(request.tenantId);
    if (request.name.trim() === '') throw invalidArgument('name must not be blank');
    const published = await this.engine
      .publishMessage({
        name: request.name,
        correlationKey: request.correlationKey,
        timeToLiveMs: Math.max(0, millis(request.timeToLive, 'timeToLive')),
        messageId: request.messageId || undefined,
        variables: this.variables(request.variables),
      })
      .catch((error: unknown) => {
        // The only conflict a publish meets: a live message with the same id.
        if (error instanceof EngineConflictError) {
          throw new GatewayError(status.ALREADY_EXISTS, error.message);
        }
        throw error;
      });
    return { key: published.messageKey, tenantId: DEFAULT_TENANT };
  }

  async activateJobs(
    request: proto.ActivateJobsRequest,
    { signal }: GatewayCall,
  ): Promise<proto.ActivatedJob[]> {
    if (request.worker.trim() === '') throw invalidArgument('worker must not be blank');
    if (request.maxJobsToActivate < 1) {
      throw invalidArgument('maxJobsToActivate must be at least 1');
    }
    return this.jobs.longPoll(
      { ...toJobCommand(request), maxJobsToActivate: request.maxJobsToActivate },
      millis(request.requestTimeout, 'requestTimeout'),
      signal,
    );
  }

  streamActivatedJobs(
    request: proto.StreamActivatedJobsRequest,
    { signal, reauthorise }: GatewayCall,
    push: (job: proto.ActivatedJob) => Promise<void>,
  ): Promise<void> {
    return this.jobs.stream(toJobCommand(request), signal, push, reauthorise);
  }

  async completeJob(request: proto.CompleteJobRequest): Promise<proto.Empty> {
    const variables = this.variables(request.variables);
    await this.engine.completeJob(request.jobKey, variables);
    return {};
  }

  async failJob(request: proto.FailJobRequest): Promise<proto.Empty> {
    // The port fails a job without touching its variables.
    if (Object.keys(this.variables(request.variables)).length > 0) {
      throw invalidArgument(
        'variables on a failed job are not supported: set them with SetVariables',
      );
    }
    await this.engine.failJob(request.jobKey, {
      retries: request.retries,
      errorMessage: request.errorMessage || undefined,
      retryBackOffMs: Math.max(0, millis(request.retryBackOff, 'retryBackOff')),
    });
    return {};
  }

  async throwError(request: proto.ThrowErrorRequest): Promise<proto.Empty> {
    const variables = this.variables(request.variables);
    await this.engine.throwError(request.jobKey, {
      errorCode: request.errorCode,
      errorMessage: request.errorMessage || undefined,
      variables,
    });
    return {};
  }

  async updateJobRetries(
    request: proto.UpdateJobRetriesRequest,
    { caller }: GatewayCall,
  ): Promise<proto.Empty> {
    if (request.retries < 1) throw invalidArgument('retries must be greater than 0');
    await this.engine.updateJobRetries(request.jobKey, request.retries);
    this.logChange(
      caller,
      'UpdateJobRetries',
      `set the retries of job ${request.jobKey} to ${request.retries}`,
    );
    return {};
  }

  async updateJobTimeout(request: proto.UpdateJobTimeoutRequest): Promise<proto.Empty> {
    const timeoutMs = millis(request.timeout, 'timeout');
    if (timeoutMs < 0) throw invalidArgument('timeout must not be negative');
    await this.engine.updateJobTimeout(request.jobKey, timeoutMs);
    return {};
  }

  async resolveIncident(
    request: proto.ResolveIncidentRequest,
    { caller }: GatewayCall,
  ): Promise<proto.Empty> {
    await this.engine.resolveIncident(request.incidentKey);
    this.logChange(caller, 'ResolveIncident', `resolved incident ${request.incidentKey}`);
    return {};
  }

  async setVariables(
    request: proto.SetVariablesRequest,
    { caller }: GatewayCall,
  ): Promise<proto.KeyResponse> {
    const variables = this.variables(request.variables);
    await this.engine.setVariables(request.elementInstanceKey, variables, request.local);
    this.logChange(
      caller,
      'SetVariables',
      `set ${Object.keys(variables).length} variable(s) at ${request.elementInstanceKey}`,
    );
    return { key: NO_KEY };
  }

  async broadcastSignal(
    request: proto.BroadcastSignalRequest,
  ): Promise<proto.KeyResponse & proto.TenantScoped> {
    requireDefaultTenant(request.tenantId);
    if (request.signalName.trim() === '') throw invalidArgument('signalName must not be blank');
    await this.engine.broadcastSignal(request.signalName, this.variables(request.variables));
    return { key: NO_KEY, tenantId: DEFAULT_TENANT };
  }

  private async toCreateCommand(
    request: proto.CreateProcessInstanceRequest,
  ): Promise<CreateInstanceCommand> {
    requireDefaultTenant(request.tenantId);
    if (request.startInstructions.length > 0) {
      throw invalidArgument(
        'start instructions are not supported: instances start at their none start event',
      );
    }
    const variables = this.variables(request.variables);
    // Zeebe has no business key: a Zeebe client (the Zeebe adapter of a replica) sends it as this variable.
    const named = variables[BUSINESS_KEY_VARIABLE];
    const businessKey = typeof named === 'string' && named !== '' ? named : undefined;
    if (request.processDefinitionKey !== NO_KEY) {
      const definition = await this.reads.definition(request.processDefinitionKey);
      if (!definition) {
        throw new EngineNotFoundError(
          `no process definition with key ${request.processDefinitionKey} is deployed`,
        );
      }
      return { ...definition, variables, businessKey };
    }
    if (request.bpmnProcessId === '') {
      throw invalidArgument('bpmnProcessId or processDefinitionKey is required');
    }
    // Zeebe's -1 (and the unset 0) is the latest version.
    const version = request.version > 0 ? request.version : undefined;
    return { bpmnProcessId: request.bpmnProcessId, version, variables, businessKey };
  }

  private variables(json: string): Variables {
    return parseVariables(json, this.config.jsonMaxDepth);
  }

  private logChange(caller: Principal, rpc: string, what: string): void {
    this.logger.log({ rpc, username: caller.username, msg: `${caller.username} ${what}` });
  }
}
