import { CompiledDefinition } from '../compiled-definition';
import { compileBpmn } from '../compile';
import { InstanceRunner, InstanceState, RunnerOptions, StartOptions } from '../instance-runner';
import { Effects, emptyEffects, FlowEvent, JobCreated, Key, Variables } from '../types';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private current = new Date('2025-01-15T09:00:00.000Z')) {}
  now = (): Date => new Date(this.current.getTime());
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Keys 2251799813685249, …: Zeebe-like, unique across recoveries. */
export function keyGenerator(start = 2251799813685249): () => Key {
  let next = start;
  return () => String(next++);
}

/** Wraps a BPMN process body in definitions with the Zeebe namespace. */
export function bpmn(body: string, extraRoot = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  ${extraRoot}
  <bpmn:process id="process" isExecutable="true">
    ${body}
  </bpmn:process>
</bpmn:definitions>`;
}

export function serviceTask(id: string, type: string, extra = ''): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" />${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
}

export function flow(id: string, source: string, target: string, condition?: string): string {
  const body = condition
    ? `<bpmn:conditionExpression>${escapeXml(condition)}</bpmn:conditionExpression>`
    : '';
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">${body}</bpmn:sequenceFlow>`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export async function deploy(xml: string): Promise<CompiledDefinition> {
  // The durable layer stores the compiled definition as JSON: test with a JSON round trip too.
  return JSON.parse(JSON.stringify(await compileBpmn(xml))) as CompiledDefinition;
}

/**
 * Given a model / When this happens / Then these effects: drives one instance and, before
 * every command, stores it (JSON) and recovers it into a fresh runner, as the durable layer does.
 */
export class Scenario {
  readonly clock = new TestClock();
  readonly nextKey = keyGenerator();
  runner!: InstanceRunner;
  /** Everything the instance produced so far, in order. */
  readonly all: Effects = emptyEffects();
  recoveries = 0;
  lastStateSize = 0;

  constructor(
    readonly compiled: CompiledDefinition,
    private readonly options: { roundTrip?: boolean } & Partial<RunnerOptions> = {},
  ) {}

  static async of(
    xml: string,
    options: { roundTrip?: boolean } & Partial<RunnerOptions> = {},
  ): Promise<Scenario> {
    return new Scenario(await deploy(xml), options);
  }

  private runnerOptions(): RunnerOptions {
    const rest: Partial<RunnerOptions> & { roundTrip?: boolean } = { ...this.options };
    delete rest.roundTrip;
    return { clock: this.clock.now, nextKey: this.nextKey, ...rest };
  }

  async start(
    variables: Variables = {},
    extra: Partial<StartOptions> = {},
    bpmnProcessId = 'process',
  ): Promise<Effects> {
    const { runner, effects } = await InstanceRunner.start(this.compiled, bpmnProcessId, {
      ...this.runnerOptions(),
      processInstanceKey: this.nextKey(),
      variables,
      ...extra,
    });
    this.runner = runner;
    return this.record(effects);
  }

  /** Stores the state as the durable layer would (JSON text) and continues on a fresh runner. */
  async roundTrip(): Promise<InstanceState> {
    const text = JSON.stringify(this.runner.getState());
    this.lastStateSize = text.length;
    const state = JSON.parse(text) as InstanceState;
    this.runner = await InstanceRunner.recover(this.compiled, state, this.runnerOptions());
    this.recoveries++;
    const produced = this.runner.recoveryEffects;
    if (produced && countEffects(produced) > 0) {
      throw new Error(`recovery produced effects: ${JSON.stringify(produced)}`);
    }
    return state;
  }

  /** Runs a command; by default on a runner freshly recovered from stored state. */
  async act(command: (runner: InstanceRunner) => Effects): Promise<Effects> {
    if (this.options.roundTrip !== false) await this.roundTrip();
    return this.record(command(this.runner));
  }

  private record(effects: Effects): Effects {
    for (const key of Object.keys(effects) as Array<keyof Effects>) {
      if (key === 'instanceEnded') {
        if (effects.instanceEnded) this.all.instanceEnded = effects.instanceEnded;
        continue;
      }
      (this.all[key] as unknown[]).push(...(effects[key] as unknown[]));
    }
    return effects;
  }

  /** The open job of an element (the latest created one). */
  job(elementId: string): JobCreated {
    const job = [...this.all.jobsCreated]
      .reverse()
      .find((j) => j.elementId === elementId && this.runner.jobs.some((o) => o.key === j.key));
    if (!job)
      throw new Error(
        `no open job for ${elementId}; open: ${this.runner.jobs.map((j) => j.elementId).join(', ')}`,
      );
    return job;
  }

  async completeJob(elementId: string, variables: Variables = {}): Promise<Effects> {
    const key = this.job(elementId).key;
    return this.act((r) => r.completeJob(key, variables));
  }

  timerKey(elementId: string): Key {
    const timer = this.runner.timers.find((t) => t.elementId === elementId);
    if (!timer) throw new Error(`no timer for ${elementId}`);
    return timer.key;
  }

  subscriptionKey(elementId: string): Key {
    const sub = this.runner.subscriptions.find((s) => s.elementId === elementId);
    if (!sub) throw new Error(`no subscription for ${elementId}`);
    return sub.key;
  }
}

/** Compact flow events: "ACTIVATED task", "TAKEN flow1", … */
export function trail(effects: Effects | FlowEvent[]): string[] {
  const events = Array.isArray(effects) ? effects : effects.flowEvents;
  return events.map(
    (e) => `${e.intent.replace('ELEMENT_', '').replace('SEQUENCE_FLOW_', '')} ${e.elementId}`,
  );
}

export function countEffects(effects: Effects): number {
  let n = effects.instanceEnded ? 1 : 0;
  for (const [key, value] of Object.entries(effects))
    if (key !== 'instanceEnded') n += (value as unknown[]).length;
  return n;
}
