import { InstanceRuntime } from '../runtime/instance-runtime';

/**
 * The slice of bpmn-elements' internals the behaviours use (its published types are
 * mostly `any`). Kept here, in one place, so a bpmn-elements upgrade has one file to check.
 */

export interface ParentRef {
  id: string;
  type?: string;
  executionId: string;
  path?: ParentRef[];
}

export interface MessageContent {
  id: string;
  type: string;
  executionId: string;
  parent?: ParentRef;
  isRootScope?: boolean;
  isMultiInstance?: boolean;
  isDefinitionScope?: boolean;
  isRecovered?: boolean;
  index?: number;
  inbound?: MessageContent[];
  repeat?: unknown;
  [key: string]: unknown;
}

export interface BrokerMessage {
  fields: { routingKey: string; redelivered?: boolean; consumerTag?: string };
  content: MessageContent;
  properties: { type?: string; correlationId?: string; [key: string]: unknown };
}

export type MessageHandler = (routingKey: string, message: BrokerMessage) => void;

export interface Broker {
  publish(exchange: string, routingKey: string, content: object, properties?: object): void;
  subscribeTmp(exchange: string, pattern: string, handler: MessageHandler, options: object): void;
  cancel(consumerTag: string): void;
}

export interface EnvironmentLike {
  services: Record<string, unknown>;
  settings: Record<string, unknown>;
}

export interface EventDefinitionLike {
  type: string;
  execute(message: BrokerMessage): void;
}

export interface ActivityLike {
  id: string;
  type: string;
  name?: string;
  broker: Broker;
  environment: EnvironmentLike;
  behaviour: {
    loopCharacteristics?: { Behaviour: LoopBehaviourConstructor; [key: string]: unknown };
    [key: string]: unknown;
  };
  eventDefinitions?: EventDefinitionLike[];
  attachedTo?: ActivityLike | null;
  isThrowing?: boolean;
  Behaviour: unknown;
}

export interface LoopBehaviour {
  execute(message: BrokerMessage): void;
}
export type LoopBehaviourConstructor = new (activity: ActivityLike, loop: object) => LoopBehaviour;

export interface ExecutableBehaviour {
  execute(message: BrokerMessage): void;
}
export type BehaviourConstructor = new (
  activity: ActivityLike,
  context: object,
) => ExecutableBehaviour;

export const RUNTIME_SERVICE = 'zeebeRuntime';

/** The runtime of this instance, passed to bpmn-engine as a service. */
export function runtimeOf(activity: ActivityLike): InstanceRuntime {
  const runtime = activity.environment.services[RUNTIME_SERVICE];
  if (!(runtime instanceof InstanceRuntime))
    throw new Error('embedded engine runtime missing from services');
  return runtime;
}

/** bpmn-elements' cloneContent, for the fields behaviours touch. */
export function cloneContent(content: MessageContent, extend: object = {}): MessageContent {
  const clone: MessageContent = { ...content, ...extend };
  if (content.parent) clone.parent = cloneParent(content.parent);
  if (content.inbound) clone.inbound = content.inbound.map((c) => ({ ...c }));
  return clone;
}

function cloneParent(parent: ParentRef): ParentRef {
  return { ...parent, ...(parent.path && { path: parent.path.map((p) => ({ ...p })) }) };
}

/** Subscribes to API messages (discard, stop, …) addressed to one execution. */
export function onApi(
  broker: Broker,
  executionId: string,
  tag: string,
  handler: (type: string, message: BrokerMessage) => void,
): void {
  // bpmn-elements may execute a behaviour again for the same execution (passthrough, resume).
  broker.cancel(`${tag}-${executionId}`);
  broker.subscribeTmp(
    'api',
    `activity.*.${executionId}`,
    (_routingKey, message) => handler(message.properties.type ?? '', message),
    {
      noAck: true,
      consumerTag: `${tag}-${executionId}`,
      priority: 300,
    },
  );
}

export function offApi(broker: Broker, executionId: string, tag: string): void {
  broker.cancel(`${tag}-${executionId}`);
}
