import { bpmn, serviceTask } from '../models';

/**
 * Models in Zeebe's dialect, each with what Zeebe 8.5 records for it, written from Camunda's
 * documentation (the page each case cites), not from what the embedded engine does. The same
 * corpus is meant to run through the Zeebe adapter (issue 12): it drives instances only through
 * the engine port and reads only the flow-event and instance tables both engines write.
 */
export interface ConformanceCase {
  name: string;
  /** Where Zeebe's behaviour is documented. */
  source: string;
  xml: string;
  bpmnProcessId: string;
  variables?: Record<string, unknown>;
  /** In order, after the instance starts; each followed by the engine settling. */
  steps: Step[];
  /** Every element event of the instance, "INTENT elementId", in order. */
  events: string[];
  state: 'ACTIVE' | 'COMPLETED';
  /** Variables of the ended (or, while active, the root scope of the) instance that must hold. */
  variablesAfter?: Record<string, unknown>;
  /** A deviation the embedded engine still has: the case runs as test.failing (see its issue). */
  knownDeviation?: string;
}

export type Step =
  | { complete: string; variables?: Record<string, unknown> }
  /** Sets the variables on the process instance, then resolves the element's oldest open incident. */
  | { resolve: string; variables: Record<string, unknown> }
  | { publish: { name: string; correlationKey: string; variables?: Record<string, unknown> } };

const task = (id: string) => serviceTask(id, `conf-${id}`);
const start = { id: 'start', type: 'bpmn:startEvent' };
const end = (id = 'end') => ({ id, type: 'bpmn:endEvent' });

/** A non-interrupting message boundary on task a (a reminder): its token goes on while a stays. */
const reminderOnA = {
  id: 'reminder',
  type: 'bpmn:boundaryEvent',
  attrs: 'cancelActivity="false"',
  attachedTo: 'a',
  body: '<bpmn:messageEventDefinition messageRef="Reminder" />',
};
const reminderMessage = (processId: string) =>
  `<bpmn:message id="Reminder" name="${processId}-reminder"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>`;

const DOCS = 'https://docs.camunda.io/docs/8.5/components/modeler/bpmn';

export const CORPUS: ConformanceCase[] = [
  {
    name: 'an exclusive gateway takes the first true condition, else the default flow',
    source: `${DOCS}/exclusive-gateways/`,
    bpmnProcessId: 'conf-exclusive',
    xml: bpmn(
      'conf-exclusive',
      [start, { id: 'amount', type: 'bpmn:exclusiveGateway' }, task('review'), task('auto'), end()],
      [
        { id: 'f1', from: 'start', to: 'amount' },
        { id: 'big', from: 'amount', to: 'review', condition: '=amount > 100' },
        { id: 'small', from: 'amount', to: 'auto', isDefault: true },
        { id: 'f2', from: 'review', to: 'end' },
        { id: 'f3', from: 'auto', to: 'end' },
      ],
    ),
    variables: { amount: 50 },
    steps: [{ complete: 'conf-auto' }],
    events: [
      'ELEMENT_ACTIVATED conf-exclusive',
      'ELEMENT_ACTIVATED start',
      'ELEMENT_COMPLETED start',
      'SEQUENCE_FLOW_TAKEN f1',
      'ELEMENT_ACTIVATED amount',
      'ELEMENT_COMPLETED amount',
      'SEQUENCE_FLOW_TAKEN small',
      'ELEMENT_ACTIVATED auto',
      'ELEMENT_COMPLETED auto',
      'SEQUENCE_FLOW_TAKEN f3',
      'ELEMENT_ACTIVATED end',
      'ELEMENT_COMPLETED end',
      'ELEMENT_COMPLETED conf-exclusive',
    ],
    state: 'COMPLETED',
  },
  {
    name: 'a parallel join activates once, when a token has come on every incoming flow',
    source: `${DOCS}/parallel-gateways/`,
    bpmnProcessId: 'conf-parallel',
    xml: bpmn(
      'conf-parallel',
      [
        start,
        { id: 'fork', type: 'bpmn:parallelGateway' },
        task('a'),
        task('b'),
        { id: 'join', type: 'bpmn:parallelGateway' },
        end(),
      ],
      [
        { id: 'f1', from: 'start', to: 'fork' },
        { id: 'toA', from: 'fork', to: 'a' },
        { id: 'toB', from: 'fork', to: 'b' },
        { id: 'fromA', from: 'a', to: 'join' },
        { id: 'fromB', from: 'b', to: 'join' },
        { id: 'f2', from: 'join', to: 'end' },
      ],
    ),
    steps: [{ complete: 'conf-b' }, { complete: 'conf-a' }],
    events: [
      'ELEMENT_ACTIVATED conf-parallel',
      'ELEMENT_ACTIVATED start',
      'ELEMENT_COMPLETED start',
      'SEQUENCE_FLOW_TAKEN f1',
      'ELEMENT_ACTIVATED fork',
      'ELEMENT_COMPLETED fork',
      'SEQUENCE_FLOW_TAKEN toA',
      'SEQUENCE_FLOW_TAKEN toB',
      'ELEMENT_ACTIVATED a',
      'ELEMENT_ACTIVATED b',
      'ELEMENT_COMPLETED b',
      'SEQUENCE_FLOW_TAKEN fromB',
      'ELEMENT_COMPLETED a',
      'SEQUENCE_FLOW_TAKEN fromA',
      'ELEMENT_ACTIVATED join',
      'ELEMENT_COMPLETED join',
      'SEQUENCE_FLOW_TAKEN f2',
      'ELEMENT_ACTIVATED end',
      'ELEMENT_COMPLETED end',
      'ELEMENT_COMPLETED conf-parallel',
    ],
    state: 'COMPLETED',
  },
  {
    name: 'a parallel join after an exclusive choice waits for the branch that was not taken (a modelling error Zeebe does not repair)',
    source: `${DOCS}/parallel-gateways/ ("the parallel gateway waits until all incoming sequence flows are taken")`,
    bpmnProcessId: 'conf-xor-join',
    xml: bpmn(
      'conf-xor-join',
      [
        start,
        { id: 'choose', type: 'bpmn:exclusiveGateway' },
        task('left'),
        task('right'),
        { id: 'join', type: 'bpmn:parallelGateway' },
        end(),
      ],
      [
        { id: 'f1', from: 'start', to: 'choose' },
        { id: 'toLeft', from: 'choose', to: 'left', condition: '=true' },
        { id: 'toRight', from: 'choose', to: 'right', isDefault: true },
        { id: 'fromLeft', from: 'left', to: 'join' },
        { id: 'fromRight', from: 'right', to: 'join' },
        { id: 'f2', from: 'join', to: 'end' },
      ],
    ),
    steps: [{ complete: 'conf-left' }],
    events: [
      'ELEMENT_ACTIVATED conf-xor-join',
      'ELEMENT_ACTIVATED start',
      'ELEMENT_COMPLETED start',
      'SEQUENCE_FLOW_TAKEN f1',
      'ELEMENT_ACTIVATED choose',
      'ELEMENT_COMPLETED choose',
      'SEQUENCE_FLOW_TAKEN toLeft',
      'ELEMENT_ACTIVATED left',
      'ELEMENT_COMPLETED left',
      'SEQUENCE_FLOW_TAKEN fromLeft',
    ],
    state: 'ACTIVE',
  },
  twoTokens({
    name: 'two tokens into one task make two element instances, each with its job, at once',
    bpmnProcessId: 'conf-two-tokens',
  }),
  twoTokens({
    name: 'two tokens into a task with a boundary event make two element instances, each with its own boundary event',
    bpmnProcessId: 'conf-two-tokens-boundary',
    c: 'taskWithBoundary',
  }),
  twoTokens({
    name: 'two tokens into a sub-process make two sub-process instances',
    bpmnProcessId: 'conf-two-tokens-sub',
    c: 'subProcess',
  }),
  twoTokens({
    name: 'two tokens into a multi-instance task make two multi-instance bodies, each with its inner instances',
    bpmnProcessId: 'conf-two-tokens-multi',
    c: 'multiInstance',
  }),
  {
    name: 'a second token into an exclusive gateway held by an incident makes a second gateway instance, which chooses for itself',
    source: `${DOCS}/exclusive-gateways/ (no condition true and no default: an incident) and ${DOCS}/bpmn-primer/`,
    bpmnProcessId: 'conf-two-tokens-gateway',
    xml: bpmn(
      'conf-two-tokens-gateway',
      [
        start,
        task('a'),
        reminderOnA,
        { id: 'merge', type: 'bpmn:exclusiveGateway' },
        { id: 'route', type: 'bpmn:exclusiveGateway' },
        task('x'),
        end('endX'),
        end('endY'),
      ],
      [
        { id: 'f1', from: 'start', to: 'a' },
        { id: 'fromA', from: 'a', to: 'merge' },
        { id: 'fromReminder', from: 'reminder', to: 'merge' },
        { id: 'toRoute', from: 'merge', to: 'route' },
        { id: 'toX', from: 'route', to: 'x', condition: '=next = "x"' },
        { id: 'toY', from: 'route', to: 'endY', condition: '=next = "y"' },
        { id: 'f2', from: 'x', to: 'endX' },
      ],
      reminderMessage('conf-two-tokens-gateway'),
    ),
    variables: { caseNumber: 'SSC-III-2026-000903' },
    steps: [
      // No `next` yet: the reminder's gateway instance finds no true condition.
      {
        publish: {
          name: 'conf-two-tokens-gateway-reminder',
          correlationKey: 'SSC-III-2026-000903',
        },
      },
      { complete: 'conf-a', variables: { next: 'y' } },
      { resolve: 'route', variables: { next: 'x' } },
      { complete: 'conf-x' },
    ],
    events: [
      'ELEMENT_ACTIVATED conf-two-tokens-gateway',
      'ELEMENT_ACTIVATED start',
      'ELEMENT_COMPLETED start',
      'SEQUENCE_FLOW_TAKEN f1',
      'ELEMENT_ACTIVATED a',
      'ELEMENT_ACTIVATED reminder',
      'ELEMENT_COMPLETED reminder',
      'SEQUENCE_FLOW_TAKEN fromReminder',
      'ELEMENT_ACTIVATED merge',
      'ELEMENT_COMPLETED merge',
      'SEQUENCE_FLOW_TAKEN toRoute',
      'ELEMENT_COMPLETED a',
      'SEQUENCE_FLOW_TAKEN fromA',
      'ELEMENT_ACTIVATED merge',
      'ELEMENT_COMPLETED merge',
      'SEQUENCE_FLOW_TAKEN toRoute',
      'ELEMENT_ACTIVATED route',
      'ELEMENT_COMPLETED route',
      'SEQUENCE_FLOW_TAKEN toY',
      'ELEMENT_ACTIVATED endY',
      'ELEMENT_COMPLETED endY',
      'ELEMENT_ACTIVATED route',
      'ELEMENT_COMPLETED route',
      'SEQUENCE_FLOW_TAKEN toX',
      'ELEMENT_ACTIVATED x',
      'ELEMENT_COMPLETED x',
      'SEQUENCE_FLOW_TAKEN f2',
      'ELEMENT_ACTIVATED endX',
      'ELEMENT_COMPLETED endX',
      'ELEMENT_COMPLETED conf-two-tokens-gateway',
    ],
    state: 'COMPLETED',
    variablesAfter: { next: 'x' },
  },
  {
    name: 'a compensation throw event invokes the handler of a completed activity, after its boundary event, and waits for it',
    source: `${DOCS}/compensation-events/ and ${DOCS}/compensation-handler/`,
    bpmnProcessId: 'conf-compensation',
    xml: bpmn(
      'conf-compensation',
      [
        start,
        task('a'),
        {
          id: 'a-comp',
          type: 'bpmn:boundaryEvent',
          attachedTo: 'a',
          body: '<bpmn:compensateEventDefinition />',
        },
        { ...task('undo-a'), attrs: 'isForCompensation="true"' },
        {
          id: 'revert',
          type: 'bpmn:intermediateThrowEvent',
          body: '<bpmn:compensateEventDefinition />',
        },
        end(),
      ],
      [
        { id: 'f1', from: 'start', to: 'a' },
        { id: 'f2', from: 'a', to: 'revert' },
        { id: 'f3', from: 'revert', to: 'end' },
      ],
      '',
      {
        artifacts: ['<bpmn:association id="assoc" sourceRef="a-comp" targetRef="undo-a" />'],
        edges: ['assoc'],
      },
    ),
    steps: [{ complete: 'conf-a' }, { complete: 'conf-undo-a', variables: { refunded: true } }],
    events: [
      'ELEMENT_ACTIVATED conf-compensation',
      'ELEMENT_ACTIVATED start',
      'ELEMENT_COMPLETED start',
      'SEQUENCE_FLOW_TAKEN f1',
      'ELEMENT_ACTIVATED a',
      'ELEMENT_COMPLETED a',
      'SEQUENCE_FLOW_TAKEN f2',
      'ELEMENT_ACTIVATED revert',
      'ELEMENT_ACTIVATED a-comp',
      'ELEMENT_COMPLETED a-comp',
      'ELEMENT_ACTIVATED undo-a',
      'ELEMENT_COMPLETED undo-a',
      'ELEMENT_COMPLETED revert',
      'SEQUENCE_FLOW_TAKEN f3',
      'ELEMENT_ACTIVATED end',
      'ELEMENT_COMPLETED end',
      'ELEMENT_COMPLETED conf-compensation',
    ],
    state: 'COMPLETED',
    variablesAfter: { refunded: true },
  },
  {
    name: 'a link throw event goes on at the link catch event of its name, with no sequence flow between them',
    source: `${DOCS}/link-events/`,
    bpmnProcessId: 'conf-link',
    xml: bpmn(
      'conf-link',
      [
        start,
        task('a'),
        {
          id: 'toB',
          type: 'bpmn:intermediateThrowEvent',
          body: '<bpmn:linkEventDefinition name="B" />',
        },
        {
          id: 'atB',
          type: 'bpmn:intermediateCatchEvent',
          body: '<bpmn:linkEventDefinition name="B" />',
        },
        end(),
      ],
      [
        { id: 'f1', from: 'start', to: 'a' },
        { id: 'f2', from: 'a', to: 'toB' },
        { id: 'f3', from: 'atB', to: 'end' },
      ],
    ),
    steps: [{ complete: 'conf-a' }],
    events: [
      'ELEMENT_ACTIVATED conf-link',
      'ELEMENT_ACTIVATED start',
      'ELEMENT_COMPLETED start',
      'SEQUENCE_FLOW_TAKEN f1',
      'ELEMENT_ACTIVATED a',
      'ELEMENT_COMPLETED a',
      'SEQUENCE_FLOW_TAKEN f2',
      'ELEMENT_ACTIVATED toB',
      'ELEMENT_COMPLETED toB',
      'ELEMENT_ACTIVATED atB',
      'ELEMENT_COMPLETED atB',
      'SEQUENCE_FLOW_TAKEN f3',
      'ELEMENT_ACTIVATED end',
      'ELEMENT_COMPLETED end',
      'ELEMENT_COMPLETED conf-link',
    ],
    state: 'COMPLETED',
  },
  {
    name: 'an input mapping of a missing variable maps null and the job is created (FEEL null-friendly, Camunda 8.3+)',
    source:
      'https://docs.camunda.io/docs/8.5/components/modeler/feel/language-guide/feel-error-handling/',
    bpmnProcessId: 'conf-null-mapping',
    xml: bpmn(
      'conf-null-mapping',
      [
        start,
        serviceTask(
          'notify',
          'conf-notify',
          '<zeebe:ioMapping><zeebe:input source="=applicant.email" target="email" /></zeebe:ioMapping>',
        ),
        end(),
      ],
      [
        { id: 'f1', from: 'start', to: 'notify' },
        { id: 'f2', from: 'notify', to: 'end' },
      ],
    ),
    steps: [{ complete: 'conf-notify' }],
    events: [
      'ELEMENT_ACTIVATED conf-null-mapping',
      'ELEMENT_ACTIVATED start',
      'ELEMENT_COMPLETED start',
      'SEQUENCE_FLOW_TAKEN f1',
      'ELEMENT_ACTIVATED notify',
      'ELEMENT_COMPLETED notify',
      'SEQUENCE_FLOW_TAKEN f2',
      'ELEMENT_ACTIVATED end',
      'ELEMENT_COMPLETED end',
      'ELEMENT_COMPLETED conf-null-mapping',
    ],
    state: 'COMPLETED',
  },
  {
    name: 'a multi-instance output element is local to each instance: one without a result gives null',
    source: `${DOCS}/multi-instance/ ("outputElement … the variable is created locally in the inner instance")`,
    bpmnProcessId: 'conf-mi-output',
    xml: bpmn(
      'conf-mi-output',
      [
        start,
        {
          id: 'check',
          type: 'bpmn:serviceTask',
          body: '<bpmn:extensionElements><zeebe:taskDefinition type="conf-check" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=result" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>',
        },
        end(),
      ],
      [
        { id: 'f1', from: 'start', to: 'check' },
        { id: 'f2', from: 'check', to: 'end' },
      ],
    ),
    variables: { items: ['a', 'b'] },
    steps: [{ complete: 'conf-check', variables: { result: 'X' } }, { complete: 'conf-check' }],
    events: [
      'ELEMENT_ACTIVATED conf-mi-output',
      'ELEMENT_ACTIVATED start',
      'ELEMENT_COMPLETED start',
      'SEQUENCE_FLOW_TAKEN f1',
      'ELEMENT_ACTIVATED check',
      'ELEMENT_ACTIVATED check',
      'ELEMENT_COMPLETED check',
      'ELEMENT_ACTIVATED check',
      'ELEMENT_COMPLETED check',
      'ELEMENT_COMPLETED check',
      'SEQUENCE_FLOW_TAKEN f2',
      'ELEMENT_ACTIVATED end',
      'ELEMENT_COMPLETED end',
      'ELEMENT_COMPLETED conf-mi-output',
    ],
    state: 'COMPLETED',
    variablesAfter: { items: ['a', 'b'], results: ['X', null] },
  },
  {
    name: 'a message catch event waits for its name and correlation key; the message variables reach the process',
    source: `${DOCS}/message-events/`,
    bpmnProcessId: 'conf-message',
    xml: bpmn(
      'conf-message',
      [
        start,
        {
          id: 'decree',
          type: 'bpmn:intermediateCatchEvent',
          body: '<bpmn:messageEventDefinition messageRef="Decree" />',
        },
        end(),
      ],
      [
        { id: 'f1', from: 'start', to: 'decree' },
        { id: 'f2', from: 'decree', to: 'end' },
      ],
      '<bpmn:message id="Decree" name="conf-decree"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>',
    ),
    variables: { caseNumber: 'SSC-III-2026-000900' },
    steps: [
      { publish: { name: 'conf-decree', correlationKey: 'SSC-III-2026-000999' } },
      {
        publish: {
          name: 'conf-decree',
          correlationKey: 'SSC-III-2026-000900',
          variables: { outcome: 'affido' },
        },
      },
    ],
    events: [
      'ELEMENT_ACTIVATED conf-message',
      'ELEMENT_ACTIVATED start',
      'ELEMENT_COMPLETED start',
      'SEQUENCE_FLOW_TAKEN f1',
      'ELEMENT_ACTIVATED decree',
      'ELEMENT_COMPLETED decree',
      'SEQUENCE_FLOW_TAKEN f2',
      'ELEMENT_ACTIVATED end',
      'ELEMENT_COMPLETED end',
      'ELEMENT_COMPLETED conf-message',
    ],
    state: 'COMPLETED',
    variablesAfter: { caseNumber: 'SSC-III-2026-000900', outcome: 'affido' },
  },
  {
    name: 'an interrupting message event sub-process terminates the active elements of its scope, then runs',
    source: `${DOCS}/event-subprocesses/ ("all active instances of its containing scope are terminated")`,
    bpmnProcessId: 'conf-event-sub',
    xml: bpmn(
      'conf-event-sub',
      [
        start,
        task('work'),
        end(),
        {
          id: 'revoked',
          type: 'bpmn:subProcess',
          attrs: 'triggeredByEvent="true"',
          body:
            '<bpmn:startEvent id="revokedStart"><bpmn:outgoing>r1</bpmn:outgoing><bpmn:messageEventDefinition messageRef="Revoke" /></bpmn:startEvent>' +
            '<bpmn:serviceTask id="archive"><bpmn:incoming>r1</bpmn:incoming><bpmn:outgoing>r2</bpmn:outgoing><bpmn:extensionElements><zeebe:taskDefinition type="conf-archive" /></bpmn:extensionElements></bpmn:serviceTask>' +
            '<bpmn:endEvent id="revokedEnd"><bpmn:incoming>r2</bpmn:incoming></bpmn:endEvent>' +
            '<bpmn:sequenceFlow id="r1" sourceRef="revokedStart" targetRef="archive" />' +
            '<bpmn:sequenceFlow id="r2" sourceRef="archive" targetRef="revokedEnd" />',
        },
      ],
      [
        { id: 'f1', from: 'start', to: 'work' },
        { id: 'f2', from: 'work', to: 'end' },
      ],
      '<bpmn:message id="Revoke" name="conf-revoke"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>',
      { shapes: ['revokedStart', 'archive', 'revokedEnd'], edges: ['r1', 'r2'] },
    ),
    variables: { caseNumber: 'SSC-III-2026-000902' },
    steps: [
      {
        publish: {
          name: 'conf-revoke',
          correlationKey: 'SSC-III-2026-000902',
          variables: { reason: 'revoca' },
        },
      },
      { complete: 'conf-archive' },
    ],
    events: [
      'ELEMENT_ACTIVATED conf-event-sub',
      'ELEMENT_ACTIVATED start',
      'ELEMENT_COMPLETED start',
      'SEQUENCE_FLOW_TAKEN f1',
      'ELEMENT_ACTIVATED work',
      'ELEMENT_TERMINATED work',
      'ELEMENT_ACTIVATED revoked',
      'ELEMENT_ACTIVATED revokedStart',
      'ELEMENT_COMPLETED revokedStart',
      'SEQUENCE_FLOW_TAKEN r1',
      'ELEMENT_ACTIVATED archive',
      'ELEMENT_COMPLETED archive',
      'SEQUENCE_FLOW_TAKEN r2',
      'ELEMENT_ACTIVATED revokedEnd',
      'ELEMENT_COMPLETED revokedEnd',
      'ELEMENT_COMPLETED revoked',
      'ELEMENT_COMPLETED conf-event-sub',
    ],
    state: 'COMPLETED',
    variablesAfter: { caseNumber: 'SSC-III-2026-000902', reason: 'revoca' },
  },
];

/**
 * A task whose non-interrupting message boundary (a reminder) leads to c, as its normal path
 * does: the reminder's token reaches c first, the task's second, while c is still active.
 * c is a task, a task with a boundary event of its own, a sub-process around a task, or a
 * multi-instance task over one item.
 */
function twoTokens(options: {
  name: string;
  bpmnProcessId: string;
  c?: 'task' | 'taskWithBoundary' | 'subProcess' | 'multiInstance';
}): ConformanceCase {
  const id = options.bpmnProcessId;
  const kind = options.c ?? 'task';
  const withdrawn = {
    id: 'withdrawn',
    type: 'bpmn:boundaryEvent',
    attachedTo: 'c',
    body: '<bpmn:messageEventDefinition messageRef="Withdrawn" />',
  };
  const c =
    kind === 'subProcess'
      ? {
          id: 'c',
          type: 'bpmn:subProcess',
          body:
            '<bpmn:startEvent id="s0" name="s0"><bpmn:outgoing>k0</bpmn:outgoing></bpmn:startEvent>' +
            '<bpmn:serviceTask id="inner" name="inner"><bpmn:incoming>k0</bpmn:incoming><bpmn:outgoing>k1</bpmn:outgoing><bpmn:extensionElements><zeebe:taskDefinition type="conf-inner" /></bpmn:extensionElements></bpmn:serviceTask>' +
            '<bpmn:endEvent id="s9" name="s9"><bpmn:incoming>k1</bpmn:incoming></bpmn:endEvent>' +
            '<bpmn:sequenceFlow id="k0" sourceRef="s0" targetRef="inner" />' +
            '<bpmn:sequenceFlow id="k1" sourceRef="inner" targetRef="s9" />',
        }
      : kind === 'multiInstance'
        ? {
            id: 'c',
            type: 'bpmn:serviceTask',
            body: '<bpmn:extensionElements><zeebe:taskDefinition type="conf-c" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[caseNumber]" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>',
          }
        : task('c');
  const arrives =
    kind === 'subProcess'
      ? [
          'ELEMENT_ACTIVATED c',
          'ELEMENT_ACTIVATED s0',
          'ELEMENT_COMPLETED s0',
          'SEQUENCE_FLOW_TAKEN k0',
          'ELEMENT_ACTIVATED inner',
        ]
      : kind === 'multiInstance'
        ? ['ELEMENT_ACTIVATED c', 'ELEMENT_ACTIVATED c']
        : ['ELEMENT_ACTIVATED c'];
  const completes = [
    ...(kind === 'subProcess'
      ? [
          'ELEMENT_COMPLETED inner',
          'SEQUENCE_FLOW_TAKEN k1',
          'ELEMENT_ACTIVATED s9',
          'ELEMENT_COMPLETED s9',
        ]
      : []),
    ...(kind === 'multiInstance' ? ['ELEMENT_COMPLETED c'] : []),
    'ELEMENT_COMPLETED c',
    'SEQUENCE_FLOW_TAKEN f2',
    'ELEMENT_ACTIVATED end',
    'ELEMENT_COMPLETED end',
  ];
  const worker = kind === 'subProcess' ? 'conf-inner' : 'conf-c';
  return {
    name: options.name,
    source: `${DOCS}/bpmn-primer/ ("a token … multiple tokens can be active"), and ${DOCS}/message-events/ (non-interrupting boundary)`,
    bpmnProcessId: id,
    xml: bpmn(
      id,
      [
        start,
        task('a'),
        reminderOnA,
        c,
        end(),
        ...(kind === 'taskWithBoundary' ? [withdrawn, end('closed')] : []),
      ],
      [
        { id: 'f1', from: 'start', to: 'a' },
        { id: 'fromA', from: 'a', to: 'c' },
        { id: 'fromReminder', from: 'reminder', to: 'c' },
        { id: 'f2', from: 'c', to: 'end' },
        ...(kind === 'taskWithBoundary'
          ? [{ id: 'fromWithdrawn', from: 'withdrawn', to: 'closed' }]
          : []),
      ],
      reminderMessage(id) +
        (kind === 'taskWithBoundary'
          ? '<bpmn:message id="Withdrawn" name="conf-withdrawn"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>'
          : ''),
      kind === 'subProcess' ? { shapes: ['s0', 'inner', 's9'], edges: ['k0', 'k1'] } : {},
    ),
    variables: { caseNumber: 'SSC-III-2026-000901' },
    steps: [
      { publish: { name: `${id}-reminder`, correlationKey: 'SSC-III-2026-000901' } },
      { complete: 'conf-a' },
      { complete: worker },
      { complete: worker },
    ],
    events: [
      `ELEMENT_ACTIVATED ${id}`,
      'ELEMENT_ACTIVATED start',
      'ELEMENT_COMPLETED start',
      'SEQUENCE_FLOW_TAKEN f1',
      'ELEMENT_ACTIVATED a',
      'ELEMENT_ACTIVATED reminder',
      'ELEMENT_COMPLETED reminder',
      'SEQUENCE_FLOW_TAKEN fromReminder',
      ...arrives,
      'ELEMENT_COMPLETED a',
      'SEQUENCE_FLOW_TAKEN fromA',
      ...arrives,
      ...completes,
      ...completes,
      `ELEMENT_COMPLETED ${id}`,
    ],
    state: 'COMPLETED',
  };
}
