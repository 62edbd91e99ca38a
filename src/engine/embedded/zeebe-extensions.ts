import { extensionValues, findExtension, ModdleElement } from './moddle';

/**
 * Zeebe extension elements read from the moddle tree. Values are kept as written: a value
 * starting with `=` is a FEEL expression evaluated at run time, anything else a literal.
 */

export interface TaskDefinition {
  type: string;
  /** Zeebe's default is 3. */
  retries: string;
}

export interface VariableMapping {
  source: string;
  target: string;
}

export interface IoMapping {
  inputs: VariableMapping[];
  outputs: VariableMapping[];
}

export interface AssignmentDefinition {
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
}

export interface TaskSchedule {
  dueDate?: string;
  followUpDate?: string;
}

export interface FormDefinition {
  formKey?: string;
  formId?: string;
}

export interface CalledElement {
  processId: string;
  propagateAllChildVariables: boolean;
  propagateAllParentVariables: boolean;
}

export interface ZeebeLoopCharacteristics {
  inputCollection?: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
}

export interface ZeebeScript {
  expression: string;
  resultVariable?: string;
}

export interface ZeebeExtensions {
  taskDefinition?: TaskDefinition;
  taskHeaders?: Record<string, string>;
  ioMapping?: IoMapping;
  assignment?: AssignmentDefinition;
  schedule?: TaskSchedule;
  form?: FormDefinition;
  calledElement?: CalledElement;
  script?: ZeebeScript;
  /** zeebe:userTask marks a Camunda user task; here it runs as a job-based user task. */
  zeebeUserTask?: boolean;
  /** zeebe:calledDecision (DMN); not supported by the embedded engine. */
  calledDecision?: { decisionId: string; resultVariable?: string };
}

function str(element: ModdleElement | undefined, property: string): string | undefined {
  const value = element?.[property];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function bool(element: ModdleElement | undefined, property: string, fallback: boolean): boolean {
  const value = element?.[property];
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return fallback;
}

function mappings(list: unknown): VariableMapping[] {
  if (!Array.isArray(list)) return [];
  return (list as ModdleElement[]).map((p) => ({
    source: str(p, 'source') ?? '',
    target: str(p, 'target') ?? '',
  }));
}

export function readZeebeExtensions(element: ModdleElement): ZeebeExtensions {
  const result: ZeebeExtensions = {};
  for (const ext of extensionValues(element)) {
    switch (ext.$type) {
      case 'zeebe:TaskDefinition':
        result.taskDefinition = {
          type: str(ext, 'type') ?? '',
          retries: str(ext, 'retries') ?? '3',
        };
        break;
      case 'zeebe:TaskHeaders': {
        const headers: Record<string, string> = {};
        for (const h of (ext.values as ModdleElement[] | undefined) ?? []) {
          const key = str(h, 'key');
          if (key) headers[key] = str(h, 'value') ?? '';
        }
        result.taskHeaders = headers;
        break;
      }
      case 'zeebe:IoMapping':
        result.ioMapping = {
          inputs: mappings(ext.inputParameters),
          outputs: mappings(ext.outputParameters),
        };
        break;
      case 'zeebe:AssignmentDefinition':
        result.assignment = {
          assignee: str(ext, 'assignee'),
          candidateGroups: str(ext, 'candidateGroups'),
          candidateUsers: str(ext, 'candidateUsers'),
        };
        break;
      case 'zeebe:TaskSchedule':
        result.schedule = { dueDate: str(ext, 'dueDate'), followUpDate: str(ext, 'followUpDate') };
        break;
      case 'zeebe:FormDefinition':
        result.form = { formKey: str(ext, 'formKey'), formId: str(ext, 'formId') };
        break;
      case 'zeebe:CalledElement':
        result.calledElement = {
          processId: str(ext, 'processId') ?? str(ext, 'processIdExpression') ?? '',
          // Zeebe's defaults: both true when the attribute is absent.
          propagateAllChildVariables: bool(ext, 'propagateAllChildVariables', true),
          propagateAllParentVariables: bool(ext, 'propagateAllParentVariables', true),
        };
        break;
      case 'zeebe:Script':
        result.script = {
          expression: str(ext, 'expression') ?? '',
          resultVariable: str(ext, 'resultVariable'),
        };
        break;
      case 'zeebe:UserTask':
        result.zeebeUserTask = true;
        break;
      case 'zeebe:CalledDecision':
        result.calledDecision = {
          decisionId: str(ext, 'decisionId') ?? '',
          resultVariable: str(ext, 'resultVariable'),
        };
        break;
    }
  }
  return result;
}

/** zeebe:loopCharacteristics inside bpmn:multiInstanceLoopCharacteristics. */
export function readLoopCharacteristics(loop: ModdleElement): ZeebeLoopCharacteristics {
  const ext = findExtension(loop, 'zeebe:LoopCharacteristics');
  return {
    inputCollection: str(ext, 'inputCollection'),
    inputElement: str(ext, 'inputElement'),
    outputCollection: str(ext, 'outputCollection'),
    outputElement: str(ext, 'outputElement'),
  };
}

/** zeebe:subscription on a bpmn:Message: the correlation key expression. */
export function readCorrelationKey(message: ModdleElement): string | undefined {
  return str(findExtension(message, 'zeebe:Subscription'), 'correlationKey');
}
