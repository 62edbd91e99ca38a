import { BpmnEngineOptions, Engine } from 'bpmn-engine';
import { createRequire } from 'node:module';
import { BrokerMessage, RUNTIME_SERVICE } from './behaviours/bpmn-internals';
import { ZEEBE_ELEMENTS } from './behaviours/element-factory';
import { installBrokerEvents } from './broker-events';
import { BpmnLibraryScopes } from './behaviours/library-scopes';
import { CompiledDefinition } from './compiled-definition';
import { sourceContextFor } from './definition-cache';
import { InstanceRuntime } from './runtime/instance-runtime';
import { JsonValue } from './types';

/** bpmn-engine's state without the model source (re-supplied from the cached source context). */
export type EngineSnapshot = { [key: string]: JsonValue };

const loadCommonJs = createRequire(__filename);
export const BPMN_ENGINE_VERSION = (
  loadCommonJs(
    loadCommonJs.resolve('bpmn-engine').replace(/lib[\\/]index\.cjs$/, 'package.json'),
  ) as { version: string }
).version;

/** Whether bpmn-elements' brokers use the lighter event emitter (broker-events.ts). */
export const BROKER_EVENTS_INSTALLED = installBrokerEvents();

/** The default debug logger is costly; the runtime's effects are the log. */
function silentLogger(): { debug(): void; warn(): void; error(): void } {
  return { debug() {}, warn() {}, error() {} };
}

/**
 * bpmn-engine's timers option. The embedded engine's timer definitions never call it (their
 * due dates are effects the durable layer schedules), so nothing is ever armed here.
 */
class InertTimers {
  readonly executing: never[] = [];
  register(): this {
    return this;
  }
  setTimeout(): { inert: true } {
    return { inert: true };
  }
  clearTimeout(): void {}
}

interface EngineLike {
  broker: {
    subscribeTmp(
      exchange: string,
      pattern: string,
      handler: (routingKey: string, message: BrokerMessage) => void,
      options: object,
    ): void;
  };
  execution: {
    state: string;
    stopped: boolean;
    definitions: Array<{ getState(): JsonValue }>;
  } | null;
  environment: { getState(): JsonValue };
  name: string;
}

/** A fresh bpmn-engine Engine for one instance, wired to its runtime. */
export function createEngine(compiled: CompiledDefinition, runtime: InstanceRuntime): Engine {
  const bpmnProcessId = runtime.state.bpmnProcessId;
  const engine = new Engine({
    name: runtime.state.processInstanceKey,
    sourceContext: sourceContextFor(compiled, bpmnProcessId),
    elements: ZEEBE_ELEMENTS,
    Logger: silentLogger,
    timers: new InertTimers() as unknown as BpmnEngineOptions['timers'],
    services: { [RUNTIME_SERVICE]: runtime as unknown as CallableFunction },
    // Zeebe activates every parallel multi-instance element at once.
    settings: { batchSize: 1_000_000, disableTrackState: true },
  });
  (engine as unknown as EngineLike).broker.subscribeTmp(
    'event',
    '#',
    (routingKey, message) => {
      const content = message.content;
      switch (routingKey) {
        case 'process.enter':
          if (content.id === bpmnProcessId) runtime.onProcessEnter(content.executionId);
          break;
        case 'process.end':
          if (content.id === bpmnProcessId) runtime.onProcessEnd();
          break;
        case 'flow.take':
          runtime.onFlowTaken(content.id, content.parent?.executionId);
          break;
        case 'activity.end':
          runtime.onActivityEnd(content.executionId);
          break;
        case 'activity.enter':
          runtime.onActivityEnter(content.executionId, content.parent?.executionId);
          break;
        case 'activity.leave':
          runtime.onActivityLeave(content.executionId);
          break;
        case 'activity.error':
        case 'process.error':
        case 'definition.error':
          runtime.onEngineError(content.error);
          break;
      }
    },
    { noAck: true, consumerTag: '_zeebe-runtime' },
  );
  runtime.libraryScopes = new BpmnLibraryScopes(engine, runtime);
  return engine;
}

/** bpmn-engine's getState() without `source`, built directly (serialising the model each time is half the cost). */
export function engineSnapshot(engine: Engine): EngineSnapshot {
  const e = engine as unknown as EngineLike;
  const execution = e.execution;
  if (!execution) throw new Error('engine has no execution');
  return {
    name: e.name,
    state: execution.state,
    stopped: execution.stopped,
    engineVersion: BPMN_ENGINE_VERSION,
    environment: e.environment.getState(),
    definitions: execution.definitions.map((d) => d.getState()),
  };
}
