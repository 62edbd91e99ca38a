import { map as mapModdleContext } from 'moddle-context-serializer';
import {
  CompiledDefinition,
  ElementBehaviourKind,
  ElementMetadata,
  FlowMetadata,
  LoopMetadata,
  MessageRef,
  ProcessMetadata,
  StartEventMetadata,
  TimerDefinition,
  TimerType,
} from './compiled-definition';
import { cronGapMs, nextCronDue } from './cron';
import { Feel, isExpression } from './feel';
import { addDuration, parseCycle, parseDateTime, parseDuration } from './iso8601';
import { ModdleContext, ModdleElement, parseBpmnXml } from './moddle';
import { BpmnElementType, BpmnEventType, JsonValue } from './types';
import {
  readCorrelationKey,
  readLoopCharacteristics,
  readZeebeExtensions,
} from './zeebe-extensions';

/** A model the embedded engine (or Zeebe) refuses at deployment; `problems` lists every reason. */
export class DeploymentError extends Error {
  constructor(readonly problems: string[]) {
    super(`BPMN model rejected: ${problems.join('; ')}`);
    this.name = 'DeploymentError';
  }
}

const ELEMENT_TYPES: Record<string, BpmnElementType> = {
  'bpmn:StartEvent': 'START_EVENT',
  'bpmn:IntermediateCatchEvent': 'INTERMEDIATE_CATCH_EVENT',
  'bpmn:IntermediateThrowEvent': 'INTERMEDIATE_THROW_EVENT',
  'bpmn:BoundaryEvent': 'BOUNDARY_EVENT',
  'bpmn:EndEvent': 'END_EVENT',
  'bpmn:ServiceTask': 'SERVICE_TASK',
  'bpmn:ReceiveTask': 'RECEIVE_TASK',
  'bpmn:UserTask': 'USER_TASK',
  'bpmn:ManualTask': 'MANUAL_TASK',
  'bpmn:Task': 'TASK',
  'bpmn:ScriptTask': 'SCRIPT_TASK',
  'bpmn:SendTask': 'SEND_TASK',
  'bpmn:BusinessRuleTask': 'BUSINESS_RULE_TASK',
  'bpmn:ExclusiveGateway': 'EXCLUSIVE_GATEWAY',
  'bpmn:ParallelGateway': 'PARALLEL_GATEWAY',
  'bpmn:InclusiveGateway': 'INCLUSIVE_GATEWAY',
  'bpmn:EventBasedGateway': 'EVENT_BASED_GATEWAY',
  'bpmn:SubProcess': 'SUB_PROCESS',
  'bpmn:CallActivity': 'CALL_ACTIVITY',
};

const EVENT_TYPES: Record<string, BpmnEventType> = {
  'bpmn:MessageEventDefinition': 'MESSAGE',
  'bpmn:TimerEventDefinition': 'TIMER',
  'bpmn:ErrorEventDefinition': 'ERROR',
  'bpmn:EscalationEventDefinition': 'ESCALATION',
  'bpmn:SignalEventDefinition': 'SIGNAL',
  'bpmn:TerminateEventDefinition': 'TERMINATE',
  'bpmn:LinkEventDefinition': 'LINK',
  'bpmn:CompensateEventDefinition': 'COMPENSATION',
};

const IGNORED_TYPES = new Set([
  'bpmn:SequenceFlow',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

/** Placeholders bpmn-elements' loop reads from the execute message the runtime enriches. */
export const LOOP_CARDINALITY_EXPRESSION = '${content.zeebeCardinality}';
export const LOOP_COMPLETION_EXPRESSION = '${content.zeebeCompletionMet}';

export interface CompileOptions {
  /** Clock for deploy-time FEEL (message start names); defaults to the real time. */
  now?: () => Date;
  /**
   * At deployment only: a literal timer cycle repeating more often than this is refused (an
   * `R/PT1S` would fire every second forever). Models already deployed are not re-judged.
   */
  minTimerCycleMs?: number;
}

/**
 * Compiles a deployed BPMN XML once per version: validates it against what the embedded
 * engine and Zeebe accept, extracts Zeebe metadata, and serialises the model for bpmn-engine.
 */
export async function compileBpmn(
  xml: string,
  options: CompileOptions = {},
): Promise<CompiledDefinition> {
  let moddle: ModdleContext;
  try {
    moddle = await parseBpmnXml(xml);
  } catch (err) {
    throw new DeploymentError([
      `invalid BPMN XML: ${err instanceof Error ? err.message : String(err)}`,
    ]);
  }
  const compiler = new Compiler(moddle, new Feel({ now: options.now }), options.minTimerCycleMs);
  return compiler.compile();
}

class Compiler {
  private readonly problems: string[] = [];
  private readonly elements: Record<string, ElementMetadata> = {};
  private readonly flows: Record<string, FlowMetadata> = {};
  private readonly processes: Record<string, ProcessMetadata> = {};
  /** Link events by element id: their name and whether they throw. */
  private readonly links = new Map<string, { name: string; throws: boolean; scopeId: string }>();
  /** Each link throw event and the catch event it goes on at: a flow bpmn-engine takes. */
  private readonly linkJumps: Array<{ throwId: string; catchId: string }> = [];

  constructor(
    private readonly moddle: ModdleContext,
    private readonly feel: Feel,
    private readonly minTimerCycleMs = 0,
  ) {}

  compile(): CompiledDefinition {
    for (const w of this.moddle.warnings) {
      // Unresolved references make a model Zeebe would refuse; other warnings are noise.
      if (/unresolved reference/i.test(w.message)) this.problems.push(w.message);
    }
    const definitions = this.moddle.rootElement;
    const roots = (definitions.rootElements as ModdleElement[] | undefined) ?? [];
    const executable = roots.filter((r) => r.$type === 'bpmn:Process' && r.isExecutable === true);
    if (!executable.length) this.problems.push('the model has no executable process');
    for (const process of executable) this.compileProcess(process);
    if (this.problems.length) throw new DeploymentError(this.problems);

    return {
      formatVersion: 1,
      definitionsId: definitions.id ?? 'Definitions',
      processes: this.processes,
      elements: this.elements,
      flows: this.flows,
      sourceContext: this.serialise(),
    };
  }

  private compileProcess(process: ModdleElement): void {
    const bpmnProcessId = process.id ?? '';
    const meta: ProcessMetadata = { bpmnProcessId, name: process.name, startEvents: [] };
    this.processes[bpmnProcessId] = meta;
    this.compileScope(process, bpmnProcessId, bpmnProcessId);
    this.checkCompensation(bpmnProcessId);

    const starts = flowElements(process).filter((e) => e.$type === 'bpmn:StartEvent');
    const none = starts.filter((s) => !eventDefinitions(s).length);
    if (none.length > 1)
      this.problems.push(`process '${bpmnProcessId}' has more than one none start event`);
    meta.noneStartEventId = none[0]?.id;
    for (const start of starts) meta.startEvents.push(this.startEventMetadata(start));
  }

  private startEventMetadata(start: ModdleElement): StartEventMetadata {
    const element = this.elements[start.id ?? ''];
    const result: StartEventMetadata = { elementId: element.id, kind: 'none' };
    if (element.message) {
      let evaluatedName: string | null = element.message.name;
      if (isExpression(element.message.name)) {
        try {
          const value = this.feel.evaluate(element.message.name, {});
          evaluatedName = typeof value === 'string' ? value : null;
        } catch {
          evaluatedName = null;
        }
      }
      result.kind = 'message';
      result.message = { ...element.message, evaluatedName };
    } else if (element.timer) {
      result.kind = 'timer';
      result.timer = element.timer;
    } else if (element.signal) {
      result.kind = 'signal';
      result.signalName = element.signal.name;
    }
    return result;
  }

  private compileScope(scope: ModdleElement, bpmnProcessId: string, scopeId: string): void {
    const children = flowElements(scope);
    for (const child of children) {
      if (child.$type === 'bpmn:SequenceFlow') this.compileFlow(child, scopeId);
    }
    for (const child of children) {
      if (IGNORED_TYPES.has(child.$type)) continue;
      this.compileElement(child, bpmnProcessId, scopeId);
      if (child.$type === 'bpmn:SubProcess') {
        this.compileScope(child, bpmnProcessId, child.id ?? '');
        if (child.triggeredByEvent) this.checkEventSubProcess(child);
      }
    }
    this.pairLinks(scopeId);
    // Boundary events and event-based gateway targets refer to elements compiled above.
    for (const child of children) {
      const meta = child.id ? this.elements[child.id] : undefined;
      if (!meta) continue;
      if (meta.attachedTo && meta.eventType === 'COMPENSATION')
        this.linkCompensationHandler(meta, scope);
      else if (meta.attachedTo) this.elements[meta.attachedTo]?.boundaries.push(meta.id);
      if (meta.elementType === 'EVENT_BASED_GATEWAY') this.checkEventBasedTargets(meta);
    }
  }

  /** Zeebe's rules: a link throw goes to the one catch event of its name in the same scope. */
  private pairLinks(scopeId: string): void {
    const inScope = [...this.links].filter(([, l]) => l.scopeId === scopeId);
    const catches = new Map<string, string>();
    for (const [id, link] of inScope) {
      if (link.throws) continue;
      if (catches.has(link.name))
        this.problems.push(
          `element '${id}': another link catch event of this scope is named '${link.name}'`,
        );
      catches.set(link.name, id);
    }
    for (const [id, link] of inScope) {
      if (!link.throws) continue;
      const catchId = catches.get(link.name);
      if (catchId) this.linkJumps.push({ throwId: id, catchId });
      else
        this.problems.push(
          `element '${id}': no link catch event named '${link.name}' in the same scope`,
        );
    }
  }

  /** A compensation boundary event names its handler through an association (Zeebe 8.5). */
  private linkCompensationHandler(boundary: ElementMetadata, scope: ModdleElement): void {
    const where = `compensation boundary event '${boundary.id}'`;
    const attached = this.elements[boundary.attachedTo ?? ''];
    if (!attached) return;
    if (boundary.outgoing.length)
      this.problems.push(`${where}: it has no outgoing flows (its handler is associated with it)`);
    const associations = ((scope.artifacts as ModdleElement[] | undefined) ?? []).filter(
      (a) =>
        a.$type === 'bpmn:Association' &&
        (a.sourceRef as ModdleElement | undefined)?.id === boundary.id,
    );
    const handler =
      this.elements[(associations[0]?.targetRef as ModdleElement | undefined)?.id ?? ''];
    if (associations.length !== 1 || !handler?.isCompensationHandler) {
      this.problems.push(
        `${where}: it needs exactly one association to a compensation handler (an activity marked isForCompensation)`,
      );
      return;
    }
    if (attached.compensation)
      this.problems.push(
        `element '${attached.id}': only one compensation boundary event is allowed`,
      );
    attached.compensation = { boundaryId: boundary.id, handlerId: handler.id };
  }

  /**
   * Handlers the runtime can run (a task, no flows, no boundary events, not multi-instance) and
   * throw events whose activityRef is a compensable activity of their scope.
   */
  private checkCompensation(bpmnProcessId: string): void {
    const elements = Object.values(this.elements).filter((e) => e.bpmnProcessId === bpmnProcessId);
    for (const meta of elements) {
      if (meta.isCompensationHandler) {
        const where = `compensation handler '${meta.id}'`;
        if (!['job', 'feelScript', 'passThrough'].includes(meta.behaviour) || meta.attachedTo)
          this.problems.push(
            `${where}: the embedded engine runs tasks as compensation handlers, not ${meta.bpmnType}`,
          );
        if (meta.incoming.length || meta.outgoing.length)
          this.problems.push(`${where}: a compensation handler has no incoming or outgoing flows`);
        if (meta.boundaries.length || meta.compensation)
          this.problems.push(`${where}: a compensation handler cannot have boundary events`);
        if (meta.loop)
          this.problems.push(
            `${where}: a multi-instance compensation handler is not supported by the embedded engine`,
          );
      }
      if (meta.compensateActivity) {
        const target = this.elements[meta.compensateActivity];
        // Inside an event sub-process the activity may also be in the scope around it (Zeebe).
        const outer = this.elements[meta.scopeId];
        const scopes = [
          meta.scopeId,
          ...(outer?.elementType === 'EVENT_SUB_PROCESS' ? [outer.scopeId] : []),
        ];
        // A sub-process is compensated through what completed inside it (Zeebe's validator).
        const compensable = target?.compensation || target?.elementType === 'SUB_PROCESS';
        if (!compensable || !scopes.includes(target.scopeId))
          this.problems.push(
            `element '${meta.id}': activityRef '${meta.compensateActivity}' must be an activity of the same scope with a compensation boundary event, or a sub-process`,
          );
      }
    }
  }

  private inEventSubProcess(meta: ElementMetadata): boolean {
    return this.elements[meta.scopeId]?.elementType === 'EVENT_SUB_PROCESS';
  }

  /** Zeebe's rules: one start event with a trigger it supports, no flows in or out, no loop. */
  private checkEventSubProcess(element: ModdleElement): void {
    const meta = this.elements[element.id ?? ''];
    if (!meta) return;
    const where = `event sub-process '${meta.id}'`;
    if (meta.incoming.length || meta.outgoing.length)
      this.problems.push(`${where}: an event sub-process has no incoming or outgoing flows`);
    if (meta.loop) this.problems.push(`${where}: an event sub-process cannot be multi-instance`);
    const starts = Object.values(this.elements).filter(
      (e) => e.scopeId === meta.id && e.bpmnType === 'bpmn:StartEvent',
    );
    const triggers = ['MESSAGE', 'TIMER', 'ERROR', 'ESCALATION', 'SIGNAL'];
    if (starts.length !== 1 || !triggers.includes(starts[0].eventType))
      this.problems.push(
        `${where}: it needs exactly one start event, of type message, timer, error, escalation or signal`,
      );
  }

  private compileFlow(flow: ModdleElement, scopeId: string): void {
    const id = flow.id ?? '';
    const source = flow.sourceRef as ModdleElement | undefined;
    const target = flow.targetRef as ModdleElement | undefined;
    const condition = (flow.conditionExpression as ModdleElement | undefined)?.body;
    const meta: FlowMetadata = {
      id,
      sourceId: source?.id ?? '',
      targetId: target?.id ?? '',
      scopeId,
    };
    if (typeof condition === 'string' && condition.trim() !== '') {
      meta.condition = condition.trim();
      const gatewayTypes = ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'];
      if (!source || !gatewayTypes.includes(source.$type)) {
        this.problems.push(
          `sequence flow '${id}': conditions are only allowed on flows leaving exclusive or inclusive gateways`,
        );
      } else if (!isExpression(meta.condition)) {
        this.problems.push(
          `sequence flow '${id}': the condition must be a FEEL expression starting with '='`,
        );
      }
    }
    this.flows[id] = meta;
  }

  private compileElement(element: ModdleElement, bpmnProcessId: string, scopeId: string): void {
    const id = element.id ?? '';
    const where = `element '${id}'`;
    const elementType = ELEMENT_TYPES[element.$type];
    if (!elementType) {
      this.problems.push(`${where}: ${element.$type} is not supported by the embedded engine`);
      return;
    }
    const defs = eventDefinitions(element);
    if (defs.length > 1)
      this.problems.push(`${where}: only one event definition per event is supported`);
    const def = defs[0];
    const isEvent = element.$type.endsWith('Event');
    const eventType: BpmnEventType = def
      ? (EVENT_TYPES[def.$type] ?? 'UNSPECIFIED')
      : isEvent
        ? 'NONE'
        : 'UNSPECIFIED';
    const zeebe = readZeebeExtensions(element);

    const meta: ElementMetadata = {
      id,
      name: element.name,
      bpmnType: element.$type,
      elementType:
        element.$type === 'bpmn:SubProcess' && element.triggeredByEvent
          ? 'EVENT_SUB_PROCESS'
          : elementType,
      eventType,
      behaviour: 'passThrough',
      bpmnProcessId,
      scopeId,
      incoming: [],
      outgoing: [],
      boundaries: [],
      ...(zeebe.taskDefinition && { taskDefinition: zeebe.taskDefinition }),
      ...(zeebe.taskHeaders && { taskHeaders: zeebe.taskHeaders }),
      ...(zeebe.ioMapping && { ioMapping: zeebe.ioMapping }),
      ...(zeebe.assignment && { assignment: zeebe.assignment }),
      ...(zeebe.schedule && { schedule: zeebe.schedule }),
      ...(zeebe.form && { form: zeebe.form }),
      ...(zeebe.calledElement && { calledElement: zeebe.calledElement }),
      ...(zeebe.script && { script: zeebe.script }),
    };
    this.elements[id] = meta;
    this.linkFlows(meta);

    if (element.isForCompensation === true) meta.isCompensationHandler = true;
    if (element.$type === 'bpmn:StartEvent' && this.inEventSubProcess(meta))
      meta.cancelActivity = element.isInterrupting !== false;
    if (def) this.readEventDefinition(meta, def, element);
    meta.behaviour = this.behaviourOf(meta, element, zeebe.calledDecision !== undefined);

    const defaultFlow = (element.default as ModdleElement | undefined)?.id;
    if (defaultFlow) meta.defaultFlow = defaultFlow;

    if (element.$type === 'bpmn:BoundaryEvent') {
      meta.attachedTo = (element.attachedToRef as ModdleElement | undefined)?.id;
      meta.cancelActivity = element.cancelActivity !== false;
      if (!def) this.problems.push(`${where}: a boundary event needs an event definition`);
    }
    if (element.loopCharacteristics)
      this.readLoop(meta, element.loopCharacteristics as ModdleElement);
    this.checkElement(meta, element);
  }

  private linkFlows(meta: ElementMetadata): void {
    for (const flow of Object.values(this.flows)) {
      if (flow.sourceId === meta.id) meta.outgoing.push(flow.id);
      if (flow.targetId === meta.id) meta.incoming.push(flow.id);
    }
  }

  private behaviourOf(
    meta: ElementMetadata,
    element: ModdleElement,
    hasDecision: boolean,
  ): ElementBehaviourKind {
    const where = `element '${meta.id}'`;
    switch (element.$type) {
      case 'bpmn:ServiceTask':
      case 'bpmn:SendTask':
        if (!meta.taskDefinition)
          this.problems.push(`${where}: zeebe:taskDefinition with a job type is required`);
        return 'job';
      case 'bpmn:BusinessRuleTask':
        if (hasDecision)
          this.problems.push(
            `${where}: zeebe:calledDecision (DMN) is not supported by the embedded engine`,
          );
        else if (!meta.taskDefinition)
          this.problems.push(`${where}: zeebe:taskDefinition with a job type is required`);
        return 'job';
      case 'bpmn:ScriptTask':
        if (meta.script) {
          if (!isExpression(meta.script.expression))
            this.problems.push(`${where}: zeebe:script must be a FEEL expression`);
          if (!meta.script.resultVariable)
            this.problems.push(`${where}: zeebe:script needs a resultVariable`);
          return 'feelScript';
        }
        if (element.script || element.scriptFormat) {
          this.problems.push(
            `${where}: scripts are refused; use a FEEL zeebe:script or a job worker`,
          );
        } else if (!meta.taskDefinition) {
          this.problems.push(
            `${where}: a script task needs zeebe:script (FEEL) or zeebe:taskDefinition`,
          );
        }
        return 'job';
      case 'bpmn:UserTask':
        meta.isUserTask = true;
        return 'job';
      case 'bpmn:ReceiveTask':
        return 'receiveTask';
      case 'bpmn:SubProcess':
        return 'subProcess';
      case 'bpmn:CallActivity':
        if (!meta.calledElement?.processId)
          this.problems.push(`${where}: zeebe:calledElement with a processId is required`);
        return 'callActivity';
      case 'bpmn:ExclusiveGateway':
        return 'exclusiveGateway';
      case 'bpmn:InclusiveGateway':
        return 'inclusiveGateway';
      case 'bpmn:ParallelGateway':
        return 'parallelGateway';
      case 'bpmn:EventBasedGateway':
        return 'eventBasedGateway';
      case 'bpmn:StartEvent':
        return 'startEvent';
      case 'bpmn:BoundaryEvent':
        return 'boundaryEvent';
      case 'bpmn:IntermediateCatchEvent':
        return 'catchEvent';
      case 'bpmn:IntermediateThrowEvent':
      case 'bpmn:EndEvent':
        // Zeebe runs message throw events as jobs.
        if (meta.eventType === 'MESSAGE') {
          if (!meta.taskDefinition)
            this.problems.push(`${where}: a message throw event needs zeebe:taskDefinition`);
          return 'job';
        }
        return element.$type === 'bpmn:EndEvent' ? 'endEvent' : 'throwEvent';
      default:
        return 'passThrough';
    }
  }

  private readEventDefinition(
    meta: ElementMetadata,
    def: ModdleElement,
    element: ModdleElement,
  ): void {
    const where = `element '${meta.id}'`;
    switch (def.$type) {
      case 'bpmn:MessageEventDefinition': {
        const message = def.messageRef as ModdleElement | undefined;
        if (message) meta.message = messageRef(message);
        const catching =
          element.$type !== 'bpmn:IntermediateThrowEvent' && element.$type !== 'bpmn:EndEvent';
        if (catching)
          this.checkMessage(
            meta,
            where,
            element.$type !== 'bpmn:StartEvent' || this.inEventSubProcess(meta),
          );
        break;
      }
      case 'bpmn:TimerEventDefinition':
        meta.timer = this.readTimer(def, where);
        if (meta.timer?.type === 'timeCycle' && meta.cancelActivity !== false) {
          const allowed =
            element.$type === 'bpmn:StartEvent'
              ? !this.inEventSubProcess(meta)
              : element.cancelActivity === false;
          if (!allowed)
            this.problems.push(
              `${where}: a timer cycle is only allowed on process start events and non-interrupting boundary events and event sub-processes`,
            );
        }
        break;
      case 'bpmn:ErrorEventDefinition': {
        const error = def.errorRef as ModdleElement | undefined;
        const code =
          typeof error?.errorCode === 'string' && error.errorCode !== ''
            ? error.errorCode
            : undefined;
        meta.error = { code };
        if (element.$type === 'bpmn:EndEvent' && !code)
          this.problems.push(`${where}: an error end event needs an error code`);
        const errorStart = element.$type === 'bpmn:StartEvent' && this.inEventSubProcess(meta);
        if (errorStart && meta.cancelActivity === false)
          this.problems.push(`${where}: an error start event is always interrupting`);
        if (
          (element.$type === 'bpmn:StartEvent' && !errorStart) ||
          element.$type === 'bpmn:IntermediateThrowEvent'
        ) {
          this.problems.push(
            `${where}: error events are only supported as end, boundary and event sub-process start events`,
          );
        }
        break;
      }
      case 'bpmn:EscalationEventDefinition': {
        const escalation = def.escalationRef as ModdleElement | undefined;
        const code =
          typeof escalation?.escalationCode === 'string' && escalation.escalationCode !== ''
            ? escalation.escalationCode
            : undefined;
        meta.escalation = { code };
        const throwing =
          element.$type === 'bpmn:IntermediateThrowEvent' || element.$type === 'bpmn:EndEvent';
        if (throwing && !code)
          this.problems.push(`${where}: an escalation throw event needs an escalation code`);
        break;
      }
      case 'bpmn:SignalEventDefinition': {
        const signal = def.signalRef as ModdleElement | undefined;
        if (!signal?.name)
          this.problems.push(`${where}: a signal event needs a signal with a name`);
        else meta.signal = { name: signal.name };
        break;
      }
      case 'bpmn:CompensateEventDefinition': {
        if (element.$type === 'bpmn:BoundaryEvent') break;
        if (element.$type !== 'bpmn:IntermediateThrowEvent' && element.$type !== 'bpmn:EndEvent') {
          this.problems.push(
            `${where}: compensation events are only supported as boundary, intermediate throw and end events`,
          );
          break;
        }
        // Zeebe always waits for the handlers.
        if (def.waitForCompletion === false)
          this.problems.push(`${where}: waitForCompletion must not be false`);
        const activity = (def.activityRef as ModdleElement | undefined)?.id;
        if (activity) meta.compensateActivity = activity;
        break;
      }
      case 'bpmn:LinkEventDefinition': {
        const throws = element.$type === 'bpmn:IntermediateThrowEvent';
        if (!throws && element.$type !== 'bpmn:IntermediateCatchEvent') {
          this.problems.push(`${where}: link events are only intermediate throw and catch events`);
          break;
        }
        if (typeof def.name !== 'string' || def.name.trim() === '') {
          this.problems.push(`${where}: a link event needs a link name`);
          break;
        }
        this.links.set(meta.id, { name: def.name, throws, scopeId: meta.scopeId });
        break;
      }
      case 'bpmn:TerminateEventDefinition':
        meta.terminate = true;
        if (element.$type !== 'bpmn:EndEvent')
          this.problems.push(`${where}: terminate is only allowed on end events`);
        break;
      default:
        this.problems.push(`${where}: ${def.$type} is not supported by the embedded engine`);
    }
  }

  private checkMessage(meta: ElementMetadata, where: string, needsKey: boolean): void {
    if (!meta.message?.name)
      this.problems.push(`${where}: a message catch event needs a message with a name`);
    else if (needsKey && !meta.message.correlationKey) {
      this.problems.push(
        `${where}: the message '${meta.message.id}' needs a zeebe:subscription correlationKey`,
      );
    }
  }

  private readTimer(def: ModdleElement, where: string): TimerDefinition | undefined {
    const found: TimerDefinition[] = [];
    for (const type of ['timeDate', 'timeDuration', 'timeCycle'] as TimerType[]) {
      const body = (def[type] as ModdleElement | undefined)?.body;
      if (typeof body === 'string' && body.trim() !== '') found.push({ type, value: body.trim() });
    }
    if (found.length !== 1) {
      this.problems.push(
        `${where}: a timer needs exactly one of timeDate, timeDuration or timeCycle`,
      );
      return undefined;
    }
    const timer = found[0];
    // A literal is checked now (Zeebe refuses it at deployment); FEEL is checked when it runs.
    if (!isExpression(timer.value) && !validTimerLiteral(timer)) {
      this.problems.push(
        `${where}: '${timer.value}' is not a valid ${timer.type === 'timeDate' ? 'ISO 8601 date-time' : timer.type === 'timeDuration' ? 'ISO 8601 duration' : 'ISO 8601 repeating interval or cron expression (six fields, seconds first)'}`,
      );
    } else if (timer.type === 'timeCycle' && !isExpression(timer.value)) {
      const cycle = parseCycle(timer.value);
      const epoch = new Date(0);
      const gap = cycle
        ? addDuration(epoch, cycle.interval).getTime()
        : cronGapMs(timer.value, epoch);
      if (gap < this.minTimerCycleMs) {
        this.problems.push(
          `${where}: the timer cycle '${timer.value}' repeats more often than every ${this.minTimerCycleMs / 1000} s, the least interval allowed (ENGINE_MIN_TIMER_CYCLE_SECONDS)`,
        );
      }
    }
    return timer;
  }

  private readLoop(meta: ElementMetadata, loop: ModdleElement): void {
    const where = `element '${meta.id}'`;
    if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      this.problems.push(
        `${where}: standard loops are not supported (Zeebe supports multi-instance only)`,
      );
      return;
    }
    const zeebe = readLoopCharacteristics(loop);
    if (!zeebe.inputCollection) {
      this.problems.push(
        `${where}: a multi-instance activity needs zeebe:loopCharacteristics inputCollection`,
      );
      return;
    }
    const completion = (loop.completionCondition as ModdleElement | undefined)?.body;
    const result: LoopMetadata = {
      isSequential: loop.isSequential === true,
      inputCollection: zeebe.inputCollection,
      ...(zeebe.inputElement && { inputElement: zeebe.inputElement }),
      ...(zeebe.outputCollection && { outputCollection: zeebe.outputCollection }),
      ...(zeebe.outputElement && { outputElement: zeebe.outputElement }),
      ...(typeof completion === 'string' &&
        completion.trim() && { completionCondition: completion.trim() }),
    };
    if (result.outputCollection && !result.outputElement) {
      this.problems.push(`${where}: outputCollection needs outputElement`);
    }
    meta.loop = result;
  }

  private checkElement(meta: ElementMetadata, element: ModdleElement): void {
    const where = `element '${meta.id}'`;
    if (meta.behaviour === 'exclusiveGateway' || meta.behaviour === 'inclusiveGateway') {
      if (meta.defaultFlow && !meta.outgoing.includes(meta.defaultFlow)) {
        this.problems.push(`${where}: the default flow must be an outgoing flow`);
      }
    }
    if (meta.taskDefinition && !meta.taskDefinition.type)
      this.problems.push(`${where}: the job type must not be empty`);
    if (element.$type === 'bpmn:ReceiveTask') {
      const message = element.messageRef as ModdleElement | undefined;
      if (message) meta.message = messageRef(message);
      this.checkMessage(meta, where, true);
      meta.eventType = 'UNSPECIFIED';
    }
    if (meta.ioMapping) {
      for (const m of [...meta.ioMapping.inputs, ...meta.ioMapping.outputs]) {
        if (!m.target) this.problems.push(`${where}: a variable mapping needs a target`);
      }
    }
  }

  private checkEventBasedTargets(gateway: ElementMetadata): void {
    for (const flowId of gateway.outgoing) {
      const target = this.elements[this.flows[flowId]?.targetId ?? ''];
      if (!target) continue;
      const ok =
        target.behaviour === 'catchEvent' &&
        (target.eventType === 'MESSAGE' ||
          target.eventType === 'TIMER' ||
          target.eventType === 'SIGNAL');
      if (!ok)
        this.problems.push(
          `element '${gateway.id}': an event-based gateway may only lead to message, timer or signal catch events`,
        );
      else target.eventBasedGateway = gateway.id;
    }
  }

  /** moddle-context-serializer's map, rewritten for the runtime (see comments inline). */
  private serialise(): { [key: string]: JsonValue } {
    const map = mapModdleContext as unknown as (context: ModdleContext) => unknown;
    const mapped = JSON.parse(JSON.stringify(map(this.moddle))) as SerialisedContext;
    // Zeebe ignores message flows between pools; bpmn-engine would deliver along them.
    mapped.messageFlows = [];
    for (const flow of mapped.sequenceFlows ?? []) {
      // Conditions are evaluated by the runtime (FEEL, per scope); bpmn-engine gets the outcome.
      delete flow.behaviour?.conditionExpression;
    }
    // Compensation is the runtime's (runtime/compensation.ts): bpmn-elements neither sees the
    // compensation boundary events and their handlers nor the associations between them.
    const withheld = new Set(
      Object.values(this.elements).flatMap((e) =>
        e.compensation ? [e.compensation.boundaryId] : e.isCompensationHandler ? [e.id] : [],
      ),
    );
    // A link catch event no throw event goes to never runs (Zeebe); bpmn-engine would start there.
    const linked = new Set(this.linkJumps.map((j) => j.catchId));
    for (const [id, link] of this.links) if (!link.throws && !linked.has(id)) withheld.add(id);
    mapped.activities = (mapped.activities ?? []).filter((a) => !withheld.has(a.id));
    mapped.associations = [];
    // A link pair runs as two none events joined by a flow (Zeebe's documented equivalence);
    // the flow is not in the compiled flows, so no SEQUENCE_FLOW_TAKEN is written for the jump.
    for (const activity of mapped.activities) {
      if (this.links.has(activity.id)) delete activity.behaviour?.eventDefinitions;
    }
    for (const { throwId, catchId } of this.linkJumps) {
      const id = `${throwId}__link__${catchId}`;
      const parent = mapped.activities.find((a) => a.id === throwId)?.parent;
      (mapped.sequenceFlows ??= []).push({
        id,
        type: 'bpmn:SequenceFlow',
        parent,
        sourceId: throwId,
        targetId: catchId,
        behaviour: { $type: 'bpmn:SequenceFlow', id },
      });
    }
    for (const activity of mapped.activities) {
      const loop = activity.behaviour?.loopCharacteristics;
      const meta = this.elements[activity.id];
      if (loop && meta?.loop) {
        // bpmn-elements' loop reads the cardinality (and completion) the runtime puts in the message.
        loop.behaviour = {
          $type: 'bpmn:MultiInstanceLoopCharacteristics',
          isSequential: meta.loop.isSequential,
          loopCardinality: LOOP_CARDINALITY_EXPRESSION,
          completionCondition: LOOP_COMPLETION_EXPRESSION,
        };
      }
    }
    return mapped as unknown as { [key: string]: JsonValue };
  }
}

interface SerialisedElement {
  id: string;
  type: string;
  parent?: unknown;
  sourceId?: string;
  targetId?: string;
  behaviour?: {
    conditionExpression?: unknown;
    loopCharacteristics?: { type: string; behaviour: Record<string, unknown> };
    [key: string]: unknown;
  };
}

interface SerialisedContext {
  activities?: SerialisedElement[];
  sequenceFlows?: SerialisedElement[];
  messageFlows?: unknown[];
  associations?: unknown[];
}

function validTimerLiteral(timer: TimerDefinition): boolean {
  switch (timer.type) {
    case 'timeDate':
      return parseDateTime(timer.value) !== null;
    case 'timeDuration':
      return parseDuration(timer.value) !== null;
    case 'timeCycle':
      return parseCycle(timer.value) !== null || nextCronDue(timer.value, new Date(0)) !== null;
  }
}

function flowElements(scope: ModdleElement): ModdleElement[] {
  return (scope.flowElements as ModdleElement[] | undefined) ?? [];
}

function eventDefinitions(element: ModdleElement): ModdleElement[] {
  return (element.eventDefinitions as ModdleElement[] | undefined) ?? [];
}

function messageRef(message: ModdleElement): MessageRef {
  const correlationKey = readCorrelationKey(message);
  return {
    id: message.id ?? '',
    name: message.name ?? '',
    ...(correlationKey && { correlationKey }),
  };
}
