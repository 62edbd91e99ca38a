import { BpmnElementType, BpmnEventType, JsonValue } from './types';
import {
  AssignmentDefinition,
  CalledElement,
  FormDefinition,
  IoMapping,
  TaskDefinition,
  TaskSchedule,
  ZeebeScript,
} from './zeebe-extensions';

/**
 * The result of compiling one deployed BPMN resource: plain JSON, cached by the durable
 * layer per deployed version and handed to every runner of that version.
 */
export interface CompiledDefinition {
  formatVersion: 1;
  definitionsId: string;
  /** Executable processes by bpmnProcessId. */
  processes: Record<string, ProcessMetadata>;
  /** Every flow node, by element id (ids are unique in a BPMN file). */
  elements: Record<string, ElementMetadata>;
  flows: Record<string, FlowMetadata>;
  /** bpmn-engine's serialised model (moddle-context-serializer) with the embedded engine's rewrites. */
  sourceContext: { [key: string]: JsonValue };
}

export type TimerType = 'timeDate' | 'timeDuration' | 'timeCycle';

export interface TimerDefinition {
  type: TimerType;
  /** ISO 8601 literal or FEEL expression (`=…`). */
  value: string;
}

export interface MessageRef {
  /** bpmn:Message id: bpmn-engine matches messages by id. */
  id: string;
  /** Literal or FEEL (`=…`). */
  name: string;
  /** zeebe:subscription correlationKey, FEEL or literal; absent on start events. */
  correlationKey?: string;
}

export interface StartEventMetadata {
  elementId: string;
  kind: 'none' | 'message' | 'timer' | 'signal';
  /** Message name as written, and its deploy-time value (Zeebe evaluates it at deployment). */
  message?: MessageRef & { evaluatedName: string | null };
  signalName?: string;
  timer?: TimerDefinition;
}

export interface ProcessMetadata {
  bpmnProcessId: string;
  name?: string;
  /** The none start event: where createProcessInstance starts. */
  noneStartEventId?: string;
  startEvents: StartEventMetadata[];
}

/** How the embedded engine runs an element (selects its behaviour). */
export type ElementBehaviourKind =
  | 'job'
  | 'feelScript'
  | 'passThrough'
  | 'receiveTask'
  | 'subProcess'
  | 'callActivity'
  | 'exclusiveGateway'
  | 'inclusiveGateway'
  | 'parallelGateway'
  | 'eventBasedGateway'
  | 'startEvent'
  | 'endEvent'
  | 'throwEvent'
  | 'catchEvent'
  | 'boundaryEvent';

export interface LoopMetadata {
  isSequential: boolean;
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

export interface ElementMetadata {
  id: string;
  name?: string;
  bpmnType: string;
  elementType: BpmnElementType;
  eventType: BpmnEventType;
  behaviour: ElementBehaviourKind;
  bpmnProcessId: string;
  /** Element id of the flow scope (the process id or the enclosing sub-process id). */
  scopeId: string;
  incoming: string[];
  /** Outgoing sequence flows in model order (the order Zeebe evaluates conditions in). */
  outgoing: string[];
  defaultFlow?: string;
  taskDefinition?: TaskDefinition;
  taskHeaders?: Record<string, string>;
  ioMapping?: IoMapping;
  assignment?: AssignmentDefinition;
  schedule?: TaskSchedule;
  form?: FormDefinition;
  calledElement?: CalledElement;
  script?: ZeebeScript;
  isUserTask?: boolean;
  loop?: LoopMetadata;
  message?: MessageRef;
  timer?: TimerDefinition;
  /** Error reference; an absent code on a catch event means catch-all. */
  error?: { code?: string };
  escalation?: { code?: string };
  signal?: { name: string };
  terminate?: boolean;
  attachedTo?: string;
  cancelActivity?: boolean;
  /** Boundary events attached to this activity, in model order (not its compensation boundary). */
  boundaries: string[];
  /** An activity with a compensation boundary event: that event and the handler associated with it. */
  compensation?: { boundaryId: string; handlerId: string };
  /** A compensation handler (isForCompensation): run by the runtime, never reached by a flow. */
  isCompensationHandler?: boolean;
  /** A compensation throw event's activityRef: only that activity is compensated. */
  compensateActivity?: string;
  /** For a catch event after an event-based gateway: that gateway's id. */
  eventBasedGateway?: string;
}

export interface FlowMetadata {
  id: string;
  sourceId: string;
  targetId: string;
  scopeId: string;
  condition?: string;
}
