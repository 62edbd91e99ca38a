/** A task as GET /api/tasks and /api/tasks/:id give it. */
export interface Task {
  id: string;
  name: string;
  caseNumber: string | null;
  bpmnProcessId: string;
  elementId: string;
  processInstanceKey: string;
  assignee: string | null;
  dueDate: string | null;
  formKey: string | null;
  state: 'CREATED' | 'COMPLETED' | 'CANCELED';
  completedBy: string | null;
  completedAt: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Case numbers open a case file; intake referrals (SEG-…) have none yet. */
export function isCaseNumber(value: string | null): value is string {
  return !!value && value.startsWith('SSC-');
}

export function isOverdue(task: Pick<Task, 'dueDate'>, now = Date.now()): boolean {
  return !!task.dueDate && new Date(task.dueDate).getTime() < now;
}
