/**
 * Zeebe's custom headers on a job-based user task (`io.camunda.zeebe:userTask`),
 * as the embedded engine writes them too (see engine/embedded/runtime/job-spec.ts):
 * lists are JSON arrays of strings, dates ISO 8601 strings.
 */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
export const USER_TASK_HEADERS = {
  assignee: 'io.camunda.zeebe:assignee',
  candidateGroups: 'io.camunda.zeebe:candidateGroups',
  candidateUsers: 'io.camunda.zeebe:candidateUsers',
  dueDate: 'io.camunda.zeebe:dueDate',
  followUpDate: 'io.camunda.zeebe:followUpDate',
  formKey: 'io.camunda.zeebe:formKey',
  /** Not Zeebe's (8.5 has no task priority): a plain `zeebe:header key="priority"` of the model. */
  priority: 'priority',
} as const;

export const DEFAULT_PRIORITY = 50;
export const MAX_PRIORITY = 100;

export interface UserTaskFields {
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueAt: Date | null;
  followUpAt: Date | null;
  formKey: string | null;
  priority: number;
  /** Headers that were present but unreadable (kept out of the row, worth a log line). */
  unreadable: string[];
}

/** What the tasklist keeps of a user task job's headers; a malformed header is dropped, not fatal. */
export function readUserTaskHeaders(headers: Record<string, string>): UserTaskFields {
  const unreadable: string[] = [];
  const list = (name: string): string[] => {
    const raw = headers[name];
    if (raw === undefined || raw === '') return [];
    try {
      const value: unknown = JSON.parse(raw);
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        return [...new Set(value.map((v) => v.trim()).filter(Boolean))];
      }
    } catch {
      // falls through
    }
    unreadable.push(name);
    return [];
  };
  const date = (name: string): Date | null => {
    const raw = headers[name];
    if (raw === undefined || raw === '') return null;
    const value = new Date(raw);
    if (Number.isNaN(value.getTime())) {
      unreadable.push(name);
      return null;
    }
    return value;
  };
  const text = (name: string, max: number): string | null => {
    const raw = headers[name]?.trim();
    if (!raw) return null;
    if (raw.length > max) {
      unreadable.push(name);
      return null;
    }
    return raw;
  };
  let priority = DEFAULT_PRIORITY;
  const rawPriority = headers[USER_TASK_HEADERS.priority]?.trim();
  if (rawPriority) {
    const value = Number(rawPriority);
    if (Number.isInteger(value) && value >= 0 && value <= MAX_PRIORITY) priority = value;
    else unreadable.push(USER_TASK_HEADERS.priority);
  }
  return {
    assignee: text(USER_TASK_HEADERS.assignee, 255),
    candidateGroups: list(USER_TASK_HEADERS.candidateGroups),
    candidateUsers: list(USER_TASK_HEADERS.candidateUsers),
    dueAt: date(USER_TASK_HEADERS.dueDate),
    followUpAt: date(USER_TASK_HEADERS.followUpDate),
    formKey: text(USER_TASK_HEADERS.formKey, 255),
    priority,
    unreadable,
  };
}
