import * as Elements from 'bpmn-elements';
import { ActivityLike, BehaviourConstructor, BrokerMessage, runtimeOf } from './bpmn-internals';
import {
  CompensateEventDefinition,
  ErrorEventDefinition,
  EscalationEventDefinition,
  MessageEventDefinition,
  SignalEventDefinition,
  TimerEventDefinition,
} from './event-definitions';
import {
  CatchEventBehaviour,
  EndEventBehaviour,
  StartEventBehaviour,
  ThrowEventBehaviour,
} from './events';
import {
  EventBasedGatewayBehaviour,
  ExclusiveGatewayBehaviour,
  InclusiveGatewayBehaviour,
} from './gateways';
import { ZeebeParallelJoin } from './parallel-join';
import { ZeebeSubProcessBehaviour } from './sub-process';
import {
  CallActivityBehaviour,
  JobTaskBehaviour,
  PassThroughBehaviour,
  ReceiveTaskBehaviour,
} from './tasks';

/** bpmn-elements' serialised element definition, as the factories receive it. */
interface ActivityDefinition {
  id: string;
  type: string;
  [key: string]: unknown;
}
interface ContextLike {
  environment: ActivityLike['environment'];
}
type ActivityConstructor = new (
  Behaviour: BehaviourConstructor,
  definition: ActivityDefinition,
  context: ContextLike,
) => ActivityLike;
type ElementFactory = (definition: ActivityDefinition, context: ContextLike) => ActivityLike;

const Activity = Elements.Activity as unknown as ActivityConstructor;
const BpmnSubProcess = Elements.SubProcess as unknown as ElementFactory;
const BpmnBoundaryEvent = Elements.BoundaryEvent as unknown as ElementFactory;

const as = (behaviour: unknown): BehaviourConstructor => behaviour as BehaviourConstructor;

/**
 * One factory for every flow node: the compiled metadata decides how the element runs
 * (a message end event is a job, an inclusive join a parallel join over dead paths…).
 */
export function zeebeElement(definition: ActivityDefinition, context: ContextLike): ActivityLike {
  return concurrentTokens(arrivingInOrder(createElement(definition, context)));
}

const kMessageHandlers = Symbol.for('messageHandlers');
type InboundHandler = (routingKey: string, message: InboundMessage) => void;
interface InboundMessage extends BrokerMessage {
  readonly pending: boolean;
}
/** Which delivery of a message an arrival was deferred for (a requeued message comes again). */
const deliveries = new WeakMap<InboundMessage, number>();

/**
 * A token coming over a sequence flow waits in the runtime's arrivals (runtime/arrivals.ts)
 * and is let in in Zeebe's order. Unacknowledged meanwhile, it holds the element's inbound
 * queue (one delivery at a time); if its scope ended first, the message went back and the
 * arrival is void.
 */
function arrivingInOrder(activity: ActivityLike): ActivityLike {
  const handlers = (activity as unknown as Record<symbol, { onInbound: InboundHandler }>)[
    kMessageHandlers
  ];
  const arrive = handlers.onInbound;
  handlers.onInbound = (routingKey, message) => {
    if (routingKey !== 'flow.take' && routingKey !== 'flow.discard')
      return arrive(routingKey, message);
    const delivery = (deliveries.get(message) ?? 0) + 1;
    deliveries.set(message, delivery);
    const runtime = runtimeOf(activity);
    runtime.arrivals.defer(() => {
      if (!message.pending || deliveries.get(message) !== delivery) return;
      // Its scope was taken over by an interrupting event sub-process meanwhile: the token is
      // terminated with the rest (Zeebe); it arrives as a dead path so the scope can end.
      const interrupted = runtime.isInterrupted(message.content.parent?.executionId);
      arrive(interrupted ? 'flow.discard' : routingKey, message);
    });
  };
  return activity;
}

interface InboundEvents {
  status?: string;
  broker: ActivityLike['broker'] & { getQueue(name: string): { messageCount: number } | undefined };
  _onInboundEvent(routingKey: string, message: BrokerMessage): void;
}

/**
 * A token coming to an element that is active, or already has a token waiting, goes to the
 * runtime, which runs a second instance of it as Zeebe does (runtime/concurrent-tokens.ts);
 * bpmn-elements would keep it in the inbound queue until the first instance completes. Decided
 * when the arrival is let in; an element that is idle by then takes it the usual way.
 */
function concurrentTokens(activity: ActivityLike): ActivityLike {
  const runtime = runtimeOf(activity);
  if (!runtime.canTakeToken(activity.id)) return activity;
  const element = activity as unknown as InboundEvents;
  const busy = () =>
    !!element.status || (element.broker.getQueue('inbound-q')?.messageCount ?? 0) > 0;
  const queueInbound = element._onInboundEvent;
  element._onInboundEvent = (routingKey, message) => {
    if (routingKey !== 'flow.take' || !busy())
      return queueInbound.call(element, routingKey, message);
    const { content } = message;
    runtime.arrivals.defer(() => {
      const taken =
        busy() &&
        runtime.takeToken(
          activity.id,
          content.parent?.executionId,
          content.id,
          String(content.sequenceId),
        );
      if (!taken) queueInbound.call(element, routingKey, message);
    });
  };
  return activity;
}

function createElement(definition: ActivityDefinition, context: ContextLike): ActivityLike {
  const runtime = runtimeOf({ environment: context.environment } as ActivityLike);
  const meta = runtime.meta(definition.id);
  switch (meta.behaviour) {
    case 'job':
    case 'feelScript':
      return new Activity(
        as(JobTaskBehaviour),
        {
          ...definition,
          isThrowing: meta.bpmnType.endsWith('ThrowEvent') || meta.bpmnType === 'bpmn:EndEvent',
        },
        context,
      );
    case 'receiveTask':
      return new Activity(as(ReceiveTaskBehaviour), definition, context);
    case 'callActivity':
      return new Activity(as(CallActivityBehaviour), definition, context);
    case 'subProcess': {
      // bpmn-elements' factory adds what sub-processes need (start activities, shaking).
      const subProcess = BpmnSubProcess(definition, context);
      subProcess.Behaviour = ZeebeSubProcessBehaviour;
      return subProcess;
    }
    case 'exclusiveGateway':
      return new Activity(as(ExclusiveGatewayBehaviour), definition, context);
    case 'inclusiveGateway':
      // A join waits like bpmn-elements' parallel join, which sees discarded (dead) paths.
      return new Activity(
        as(InclusiveGatewayBehaviour),
        { ...definition, isParallelGateway: meta.incoming.length > 1 },
        context,
      );
    case 'parallelGateway':
      return new ZeebeParallelJoin(
        as(PassThroughBehaviour),
        { ...definition, isParallelGateway: true },
        context,
      );
    case 'eventBasedGateway':
      return new Activity(as(EventBasedGatewayBehaviour), definition, context);
    case 'startEvent':
      return new Activity(as(StartEventBehaviour), definition, context);
    case 'endEvent':
      return new Activity(as(EndEventBehaviour), { ...definition, isThrowing: true }, context);
    case 'throwEvent':
      return new Activity(as(ThrowEventBehaviour), { ...definition, isThrowing: true }, context);
    case 'catchEvent':
      return new Activity(as(CatchEventBehaviour), definition, context);
    case 'boundaryEvent':
      return BpmnBoundaryEvent(definition, context);
    case 'passThrough':
      return new Activity(as(PassThroughBehaviour), definition, context);
  }
}

const FLOW_NODE_TYPES = [
  'StartEvent',
  'IntermediateCatchEvent',
  'IntermediateThrowEvent',
  'BoundaryEvent',
  'EndEvent',
  'ServiceTask',
  'ReceiveTask',
  'UserTask',
  'ManualTask',
  'Task',
  'ScriptTask',
  'SendTask',
  'BusinessRuleTask',
  'ExclusiveGateway',
  'ParallelGateway',
  'InclusiveGateway',
  'EventBasedGateway',
  'SubProcess',
  'CallActivity',
];

/** The `elements` map for bpmn-engine's type resolver: the same one builds and runs the model. */
export const ZEEBE_ELEMENTS: Record<string, unknown> = {
  ...Elements,
  ...Object.fromEntries(FLOW_NODE_TYPES.map((type) => [type, zeebeElement])),
  TimerEventDefinition,
  MessageEventDefinition,
  SignalEventDefinition,
  ErrorEventDefinition,
  EscalationEventDefinition,
  CompensateEventDefinition,
};
