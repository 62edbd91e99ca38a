import { ElementMetadata } from '../compiled-definition';
import { asInstant, Feel, isExpression } from '../feel';
import { IncidentErrorType, JsonValue, Variables } from '../types';

/** What a job looks like when its element activates (expressions evaluated then, as in Zeebe). */
export interface JobSpec {
  type: string;
  retries: number;
  customHeaders: Record<string, string>;
}

export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
export const USER_TASK_HEADERS = {
  assignee: 'io.camunda.zeebe:assignee',
  candidateGroups: 'io.camunda.zeebe:candidateGroups',
  candidateUsers: 'io.camunda.zeebe:candidateUsers',
  dueDate: 'io.camunda.zeebe:dueDate',
  followUpDate: 'io.camunda.zeebe:followUpDate',
  formKey: 'io.camunda.zeebe:formKey',
} as const;

/** Maps a linked form id (zeebe:formDefinition formId) to the form key the tasklist uses. */
export type FormKeyResolver = (formId: string) => string | null;

/** A failure Zeebe reports as an incident of the given type. */
export class IncidentError extends Error {
  constructor(
    readonly errorType: IncidentErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'IncidentError';
  }
}

export function evaluateJobSpec(
  feel: Feel,
  meta: ElementMetadata,
  variables: Variables,
  resolveFormKey: FormKeyResolver,
): JobSpec {
  const customHeaders: Record<string, string> = { ...(meta.taskHeaders ?? {}) };
  if (meta.isUserTask && !meta.taskDefinition) {
    addUserTaskHeaders(feel, meta, variables, customHeaders, resolveFormKey);
    // Zeebe creates job-based user task jobs with one retry.
    return { type: USER_TASK_JOB_TYPE, retries: 1, customHeaders };
  }
  const definition = meta.taskDefinition;
  if (!definition) throw new IncidentError('UNKNOWN', `element '${meta.id}' has no job definition`);
  const type = expectString(feel, definition.type, variables, 'job type');
  const retriesValue = feel.evaluateValue(definition.retries, variables);
  const retries = typeof retriesValue === 'number' ? retriesValue : Number(retriesValue);
  if (!Number.isInteger(retries)) {
    throw new IncidentError(
      'EXTRACT_VALUE_ERROR',
      `Expected result of the expression '${definition.retries}' to be 'NUMBER', but was '${describe(retriesValue)}'.${feel.warningsNote()}`,
    );
  }
  return { type, retries, customHeaders };
}

function addUserTaskHeaders(
  feel: Feel,
  meta: ElementMetadata,
  variables: Variables,
  headers: Record<string, string>,
  resolveFormKey: FormKeyResolver,
): void {
  const { assignment, schedule, form } = meta;
  if (assignment?.assignee) {
    const assignee = expectString(feel, assignment.assignee, variables, 'assignee');
    if (assignee) headers[USER_TASK_HEADERS.assignee] = assignee;
  }
  if (assignment?.candidateGroups) {
    headers[USER_TASK_HEADERS.candidateGroups] = JSON.stringify(
      expectList(feel, assignment.candidateGroups, variables),
    );
  }
  if (assignment?.candidateUsers) {
    headers[USER_TASK_HEADERS.candidateUsers] = JSON.stringify(
      expectList(feel, assignment.candidateUsers, variables),
    );
  }
  if (schedule?.dueDate)
    headers[USER_TASK_HEADERS.dueDate] = expectDateTime(feel, schedule.dueDate, variables);
  if (schedule?.followUpDate)
    headers[USER_TASK_HEADERS.followUpDate] = expectDateTime(
      feel,
      schedule.followUpDate,
      variables,
    );
  if (form?.formKey) headers[USER_TASK_HEADERS.formKey] = form.formKey;
  else if (form?.formId) {
    const key = resolveFormKey(form.formId);
    if (!key)
      throw new IncidentError(
        'FORM_NOT_FOUND',
        `Expected to find a form with id '${form.formId}', but no form with this id is deployed`,
      );
    headers[USER_TASK_HEADERS.formKey] = key;
  }
}

function expectString(
  feel: Feel,
  valueOrExpression: string,
  variables: Variables,
  what: string,
): string {
  const value = feel.evaluateValue(valueOrExpression, variables);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && what !== 'job type') return String(value);
  throw new IncidentError(
    'EXTRACT_VALUE_ERROR',
    `Expected result of the expression '${valueOrExpression}' (${what}) to be 'STRING', but was '${describe(value)}'.${feel.warningsNote()}`,
  );
}

/** Static values are comma-separated lists; expressions must give a list of strings (or one string). */
function expectList(feel: Feel, valueOrExpression: string, variables: Variables): string[] {
  if (!isExpression(valueOrExpression)) {
    return valueOrExpression
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  const value = feel.evaluate(valueOrExpression, variables);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new IncidentError(
    'EXTRACT_VALUE_ERROR',
    `Expected result of the expression '${valueOrExpression}' to be 'ARRAY' of strings, but was '${describe(value)}'.${feel.warningsNote()}`,
  );
}

function expectDateTime(feel: Feel, valueOrExpression: string, variables: Variables): string {
  const raw = feel.evaluateValueRaw(valueOrExpression, variables);
  const instant = asInstant(raw);
  if (!instant) {
    throw new IncidentError(
      'EXTRACT_VALUE_ERROR',
      `Expected result of the expression '${valueOrExpression}' to be a date-time, but was '${String(raw)}'.${feel.warningsNote()}`,
    );
  }
  // Keep a literal as the modeller wrote it; a FEEL result becomes ISO 8601 (UTC).
  return typeof raw === 'string' ? raw : instant.toISOString();
}

export function describe(value: JsonValue | unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return 'ARRAY';
  switch (typeof value) {
    case 'string':
      return 'STRING';
    case 'number':
      return 'NUMBER';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'OBJECT';
  }
}
