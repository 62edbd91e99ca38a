import Redis from 'ioredis';

/**
 * A Zeebe 8.5 partition's log as `zeebe-redis-exporter` publishes it in its JSON format: each
 * record is the broker's `Record.toJson()` (metadata plus `value`), appended to the stream
 * `<prefix>:<VALUE_TYPE>` as one field named by its timestamp. The sequences follow Zeebe's
 * documented element lifecycle (ACTIVATING, ACTIVATED, COMPLETING, COMPLETED; sequence flows
 * TAKEN), so the consumer is tested against what a broker writes, not against our own rows.
 */
export class ZeebeLog {
  readonly records: Array<Record<string, unknown>> = [];
  private position = 0;
  private nextKey: bigint;
  // The broker's clock is the real one: a job's deadline is set from it, and the test app's
  // embedded engine releases ACTIVATED jobs whose deadline has passed. With a fixed past date,
  // its sweep released the exported job and its tasklist poller activated it again: a read in
  // between saw ACTIVATABLE (CI, once).
  private now = Date.now();

  constructor(private readonly partitionId = 1) {
    // Zeebe keys carry the partition in their top bits (partition << 51).
    this.nextKey = (BigInt(partitionId) << 51n) + 1n;
  }

  key(): string {
    return String(this.nextKey++);
  }

  /** Moves the broker's clock. */
  advance(ms: number): void {
    this.now += ms;
  }

  append(
    valueType: string,
    intent: string,
    key: string,
    value: Record<string, unknown>,
    recordType = 'EVENT',
  ): void {
    this.records.push({
      partitionId: this.partitionId,
      position: ++this.position,
      sourceRecordPosition: this.position - 1,
      key: BigInt(key),
      timestamp: (this.now += 5),
      recordType,
      valueType,
      intent,
      rejectionType: 'NULL_VAL',
      rejectionReason: '',
      brokerVersion: '8.5.23',
      recordVersion: 1,
      value,
    });
  }

  deploy(bpmnProcessId: string, xml: string, version = 1): Deployed {
    const processDefinitionKey = this.key();
    this.append('PROCESS', 'CREATED', processDefinitionKey, {
      bpmnProcessId,
      version,
      processDefinitionKey: BigInt(processDefinitionKey),
      resourceName: `${bpmnProcessId}.bpmn`,
      checksum: Buffer.from('0123456789abcdef').toString('base64'),
      resource: Buffer.from(xml).toString('base64'),
      duplicate: false,
      tenantId: '<default>',
    });
    return { bpmnProcessId, version, processDefinitionKey };
  }

  /** A process instance with its variables, through its start event to the first flow. */
  start(process: Deployed, variables: Record<string, unknown>, parent?: Element): Instance {
    const processInstanceKey = this.key();
    const instance: Instance = { ...process, processInstanceKey };
    const root: Element = { instance, key: processInstanceKey, elementId: process.bpmnProcessId };
    const parentKeys = {
      parentProcessInstanceKey: parent ? BigInt(parent.instance.processInstanceKey) : -1,
      parentElementInstanceKey: parent ? BigInt(parent.key) : -1,
    };
    this.element(root, 'PROCESS', 'ELEMENT_ACTIVATING', -1, parentKeys);
    for (const [name, value] of Object.entries(variables)) {
      this.append('VARIABLE', 'CREATED', this.key(), {
        name,
        value: JSON.stringify(value),
        scopeKey: BigInt(processInstanceKey),
        processInstanceKey: BigInt(processInstanceKey),
        processDefinitionKey: BigInt(process.processDefinitionKey),
        bpmnProcessId: process.bpmnProcessId,
        tenantId: '<default>',
      });
    }
    this.element(root, 'PROCESS', 'ELEMENT_ACTIVATED', -1, parentKeys);
    const start = this.activate(instance, 'avvio', 'START_EVENT');
    this.finish(start, 'START_EVENT');
    return instance;
  }

  /** An element instance of the process (or of a sub-process scope) activated. */
  activate(instance: Instance, elementId: string, type: string, scope?: Element): Element {
    const element: Element = { instance, key: this.key(), elementId };
    const flowScopeKey = BigInt(scope?.key ?? instance.processInstanceKey);
    this.element(element, type, 'ELEMENT_ACTIVATING', flowScopeKey);
    this.element(element, type, 'ELEMENT_ACTIVATED', flowScopeKey);
    return element;
  }

  finish(element: Element, type: string, scope?: Element): void {
    const flowScopeKey = BigInt(scope?.key ?? element.instance.processInstanceKey);
    this.element(element, type, 'ELEMENT_COMPLETING', flowScopeKey);
    this.element(element, type, 'ELEMENT_COMPLETED', flowScopeKey);
  }

  flow(instance: Instance, flowId: string): void {
    this.element(
      { instance, key: this.key(), elementId: flowId },
      'SEQUENCE_FLOW',
      'SEQUENCE_FLOW_TAKEN',
      BigInt(instance.processInstanceKey),
    );
  }

  /** The process itself completed, or (cancelled) terminated. */
  end(instance: Instance, intent: 'ELEMENT_COMPLETED' | 'ELEMENT_TERMINATED'): void {
    const root: Element = {
      instance,
      key: instance.processInstanceKey,
      elementId: instance.bpmnProcessId,
    };
    const parentKeys = { parentProcessInstanceKey: -1, parentElementInstanceKey: -1 };
    const before = intent === 'ELEMENT_COMPLETED' ? 'ELEMENT_COMPLETING' : 'ELEMENT_TERMINATING';
    this.element(root, 'PROCESS', before, -1, parentKeys);
    this.element(root, 'PROCESS', intent, -1, parentKeys);
  }

  localVariable(element: Element, name: string, value: unknown, intent = 'CREATED'): void {
    this.append('VARIABLE', intent, this.key(), {
      name,
      value: JSON.stringify(value),
      scopeKey: BigInt(element.key),
      processInstanceKey: BigInt(element.instance.processInstanceKey),
      processDefinitionKey: BigInt(element.instance.processDefinitionKey),
      bpmnProcessId: element.instance.bpmnProcessId,
      tenantId: '<default>',
    });
  }

  job(
    element: Element,
    intent: string,
    fields: Record<string, unknown> = {},
    key?: string,
  ): string {
    const jobKey = key ?? this.key();
    this.append('JOB', intent, jobKey, this.jobValue(element, fields));
    return jobKey;
  }

  activateJobs(type: string, worker: string, jobs: Array<{ key: string; element: Element }>): void {
    const deadline = this.now + 300_000;
    this.append('JOB_BATCH', 'ACTIVATED', this.key(), {
      type,
      worker,
      timeout: 300_000,
      maxJobsToActivate: 10,
      jobKeys: jobs.map((job) => BigInt(job.key)),
      jobs: jobs.map((job) => this.jobValue(job.element, { type, worker, deadline })),
      truncated: false,
      tenantIds: ['<default>'],
    });
  }

  incident(element: Element, intent: 'CREATED' | 'RESOLVED', key: string, jobKey: string): void {
    this.append('INCIDENT', intent, key, {
      errorType: 'JOB_NO_RETRIES',
      errorMessage: 'Anagrafe non raggiungibile',
      bpmnProcessId: element.instance.bpmnProcessId,
      processDefinitionKey: BigInt(element.instance.processDefinitionKey),
      processInstanceKey: BigInt(element.instance.processInstanceKey),
      elementId: element.elementId,
      elementInstanceKey: BigInt(element.key),
      jobKey: BigInt(jobKey),
      variableScopeKey: BigInt(element.key),
      tenantId: '<default>',
    });
  }

  messageSubscription(
    element: Element,
    intent: string,
    messageName: string,
    correlationKey: string,
  ): void {
    this.append('PROCESS_MESSAGE_SUBSCRIPTION', intent, element.key, {
      processInstanceKey: BigInt(element.instance.processInstanceKey),
      elementInstanceKey: BigInt(element.key),
      bpmnProcessId: element.instance.bpmnProcessId,
      messageName,
      correlationKey,
      elementId: element.elementId,
      messageKey: -1,
      interrupting: true,
      variables: {},
      tenantId: '<default>',
    });
  }

  /** Appends the records from `from` on to their streams, as the exporter does. */
  async publish(redis: Redis, prefix: string, from = 0): Promise<void> {
    for (const record of this.records.slice(from)) {
      await redis.xadd(
        `${prefix}:${String(record.valueType)}`,
        '*',
        String(record.timestamp),
        toJson(record),
      );
    }
  }

  private jobValue(element: Element, fields: Record<string, unknown>): Record<string, unknown> {
    return {
      type: 'percorsi:verifica-residenza',
      customHeaders: { fonte: 'anagrafe' },
      worker: '',
      retries: 3,
      retryBackoff: 0,
      deadline: -1,
      timeout: -1,
      errorMessage: '',
      errorCode: '',
      elementId: element.elementId,
      elementInstanceKey: BigInt(element.key),
      bpmnProcessId: element.instance.bpmnProcessId,
      processDefinitionVersion: element.instance.version,
      processDefinitionKey: BigInt(element.instance.processDefinitionKey),
      processInstanceKey: BigInt(element.instance.processInstanceKey),
      variables: {},
      tenantId: '<default>',
      ...fields,
    };
  }

  private element(
    element: Element,
    bpmnElementType: string,
    intent: string,
    flowScopeKey: bigint | number,
    parentKeys = { parentProcessInstanceKey: -1, parentElementInstanceKey: -1 } as Record<
      string,
      bigint | number
    >,
  ): void {
    const { instance } = element;
    this.append('PROCESS_INSTANCE', intent, element.key, {
      bpmnElementType,
      elementId: element.elementId,
      bpmnProcessId: instance.bpmnProcessId,
      version: instance.version,
      processDefinitionKey: BigInt(instance.processDefinitionKey),
      processInstanceKey: BigInt(instance.processInstanceKey),
      flowScopeKey,
      bpmnEventType: 'UNSPECIFIED',
      ...parentKeys,
      tenantId: '<default>',
    });
  }
}

export interface Deployed {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
}

export interface Instance extends Deployed {
  processInstanceKey: string;
}

export interface Element {
  instance: Instance;
  key: string;
  elementId: string;
}

/** JSON with int64 keys written as numbers, as the broker writes them (beyond 2^53 too). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `#${v}#` : v)).replace(
    /"#(-?\d+)#"/g,
    '$1',
  );
}
