import { Camunda8, Zeebe } from '@camunda8/sdk';
import { JSONDoc } from '@camunda8/sdk/dist/zeebe/lib/interfaces-1.0';
import { Logger } from '@nestjs/common';
import {
  ActivateJobsCommand,
  ActivatedJob,
  CreatedInstance,
  CreateInstanceCommand,
  DeployedProcess,
  DeployResource,
  FailJobCommand,
  Key,
  ProcessEngine,
  PublishedMessage,
  PublishMessageCommand,
  ThrowErrorCommand,
  Variables,
} from '../engine.port';
import { BUSINESS_KEY_VARIABLE } from './business-key';
import { activateJobs } from './job-activation';
import { toPortError } from './zeebe-errors';

export interface ZeebeEngineOptions {
  /** host:port, optionally grpc:// or grpcs://. */
  address: string;
  clientId?: string;
  clientSecret?: string;
  oauthUrl?: string;
  audience: string;
  secure: boolean;
  /**
   * The variables at an element instance. Zeebe 8.5 has no query API: they come from the tables
   * the read side fills (see EngineReadModel.variablesAt).
   */
  readVariables: (processInstanceKey: Key, elementInstanceKey: Key) => Promise<Variables>;
}

/**
 * The engine port over a Zeebe 8.5 gateway (gRPC, `@camunda8/sdk`): a real Zeebe cluster, or
 * another Percorsi's embedded engine serving the gateway protocol. Every call is one gRPC
 * call; the SDK retries UNAVAILABLE and RESOURCE_EXHAUSTED with back-off, the rest become the
 * port's errors here.
 */
export class ZeebeEngine extends ProcessEngine {
  private readonly logger = new Logger('ZeebeEngine');
  private readonly zeebe: Zeebe.ZeebeGrpcClient;

  constructor(private readonly options: ZeebeEngineOptions) {
    super();
    const authenticated = options.clientId !== undefined;
    this.zeebe = new Camunda8({
      // The SDK reads ZEEBE_ADDRESS first and defaults it to localhost:26500: set it, bare.
      ZEEBE_ADDRESS: hostAndPort(options.address),
      CAMUNDA_SECURE_CONNECTION: options.secure || options.address.startsWith('grpcs://'),
      CAMUNDA_AUTH_STRATEGY: authenticated ? 'OAUTH' : 'NONE',
      CAMUNDA_OAUTH_DISABLED: !authenticated,
      ...(authenticated && {
        ZEEBE_CLIENT_ID: options.clientId,
        ZEEBE_CLIENT_SECRET: options.clientSecret,
        CAMUNDA_OAUTH_URL: options.oauthUrl,
        CAMUNDA_ZEEBE_OAUTH_AUDIENCE: options.audience,
      }),
      // Tokens stay in memory: the SDK would otherwise write them under the home folder.
      CAMUNDA_TOKEN_DISK_CACHE_DISABLE: true,
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
    }).getZeebeGrpcApiClient();
  }

  async deploy(resources: DeployResource[]): Promise<DeployedProcess[]> {
    const response = await this.call(
      () =>
        this.zeebe.deployResources(
          resources.map((resource) => ({
            process: Buffer.from(resource.content, 'utf8'),
            name: resource.name,
          })),
        ),
      true,
    );
    return response.deployments.flatMap((deployment) => {
      const process = (deployment as Partial<{ process: ProcessMetadata }>).process;
      return process
        ? [
            {
              bpmnProcessId: process.bpmnProcessId,
              version: process.version,
              processDefinitionKey: String(process.processDefinitionKey),
              resourceName: process.resourceName,
            },
          ]
        : [];
    });
  }

  /** Zeebe validates at deployment; the shared validation (bpmnlint, Camunda 8.5 rules) is all we add. */
  notExecutable(): Promise<string[]> {
    return Promise.resolve([]);
  }

  async createInstance(command: CreateInstanceCommand): Promise<CreatedInstance> {
    const variables = { ...(command.variables ?? {}) };
    // Zeebe 8.5 has no business key: the case number travels as a root variable.
    if (command.businessKey) variables[BUSINESS_KEY_VARIABLE] = command.businessKey;
    const created = await this.call(() =>
      this.zeebe.createProcessInstance({
        bpmnProcessId: command.bpmnProcessId,
        ...(command.version !== undefined && { version: command.version }),
        variables: asDocument(variables),
      }),
    );
    return {
      processInstanceKey: String(created.processInstanceKey),
      processDefinitionKey: String(created.processDefinitionKey),
      bpmnProcessId: created.bpmnProcessId,
      version: created.version,
    };
  }

  async cancelInstance(processInstanceKey: Key): Promise<void> {
    await this.call(() => this.zeebe.cancelProcessInstance(processInstanceKey));
  }

  async setVariables(elementInstanceKey: Key, variables: Variables, local = false): Promise<void> {
    await this.call(() =>
      this.zeebe.setVariables({ elementInstanceKey, variables: asDocument(variables), local }),
    );
  }

  async publishMessage(command: PublishMessageCommand): Promise<PublishedMessage> {
    const published = await this.call(() =>
      this.zeebe.publishMessage({
        name: command.name,
        correlationKey: command.correlationKey,
        variables: asDocument(command.variables ?? {}),
        timeToLive: command.timeToLiveMs ?? 0,
        ...(command.messageId && { messageId: command.messageId }),
      }),
    );
    return { messageKey: String(published.key) };
  }

  async broadcastSignal(signalName: string, variables: Variables = {}): Promise<void> {
    await this.call(() =>
      this.zeebe.broadcastSignal({ signalName, variables: asDocument(variables) }),
    );
  }

  activateJobs(command: ActivateJobsCommand): Promise<ActivatedJob[]> {
    return this.call(() => activateJobs(this.zeebe, command));
  }

  async completeJob(jobKey: Key, variables: Variables = {}): Promise<void> {
    await this.call(() => this.zeebe.completeJob({ jobKey, variables: asDocument(variables) }));
  }

  async failJob(jobKey: Key, command: FailJobCommand): Promise<void> {
    await this.call(() =>
      this.zeebe.failJob({
        jobKey,
        retries: command.retries,
        errorMessage: command.errorMessage ?? '',
        retryBackOff: command.retryBackOffMs ?? 0,
      }),
    );
  }

  async throwError(jobKey: Key, command: ThrowErrorCommand): Promise<void> {
    await this.call(() =>
      this.zeebe.throwError({
        jobKey,
        errorCode: command.errorCode,
        errorMessage: command.errorMessage ?? '',
        variables: asDocument(command.variables ?? {}),
      }),
    );
  }

  async updateJobRetries(jobKey: Key, retries: number): Promise<void> {
    await this.call(() => this.zeebe.updateJobRetries({ jobKey, retries }));
  }

  async updateJobTimeout(jobKey: Key, timeoutMs: number): Promise<void> {
    await this.call(() => this.zeebe.updateJobTimeout({ jobKey, timeout: timeoutMs }));
  }

  async resolveIncident(incidentKey: Key): Promise<void> {
    await this.call(() => this.zeebe.resolveIncident({ incidentKey }));
  }

  variablesAt(processInstanceKey: Key, elementInstanceKey: Key): Promise<Variables> {
    return this.options.readVariables(processInstanceKey, elementInstanceKey);
  }

  async isReady(): Promise<boolean> {
    try {
      const topology = await withTimeout(this.zeebe.topology(), 5_000);
      return topology.brokers.length > 0;
    } catch (error) {
      this.logger.warn(`Zeebe gateway ${this.options.address} not ready: ${describe(error)}`);
      return false;
    }
  }

  /** Zeebe pushes nothing to a polling client: the job workers' long polls are the wake-up. */
  onJobsAvailable(): () => void {
    return () => {};
  }

  start(): void {}

  async stop(): Promise<void> {
    await this.zeebe.close(5_000);
  }

  private async call<T>(work: () => Promise<T>, deploying = false): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toPortError(error, deploying);
    }
  }
}

interface ProcessMetadata {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string | number;
  resourceName: string;
}

/** The SDK's JSON type leaves out null, which its JSON.stringify sends as is. */
function asDocument<Document = JSONDoc>(variables: Variables): Document {
  return variables as unknown as Document;
}

/** The SDK takes host:port; grpcs:// has already asked for TLS. */
function hostAndPort(address: string): string {
  return address.replace(/^grpcs?:\/\//, '');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
