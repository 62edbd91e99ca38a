import { api, query } from '../../api/client';

export type TaskView = 'mine' | 'unit-unassigned' | 'unit' | 'completed';

/** A task as GET /api/tasks and /api/tasks/:id give it. */
export interface Task {
  id: string;
  /** The step's name in the model. */
  name: string;
  caseNumber: string | null;
  caseId: string | null;
  personName: string | null;
  /** The path's human name (the root process of the instance). */
  pathName: string | null;
  processName: string | null;
  bpmnProcessId: string;
  elementId: string;
  processInstanceKey: string;
  assignee: string | null;
  candidateGroups: string[];
  createdAt: string;
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  formKey: string | null;
  state: 'CREATED' | 'COMPLETED' | 'CANCELED';
  completedBy: string | null;
  completedAt: string | null;
}

export interface TaskCounts {
  mine: number;
  unitUnassigned: number;
  unit: number | null;
  completed: number;
  overdueMine: number;
}

/** The criteria of a view (GET /api/tasks without paging), as a saved filter keeps them. */
export interface TaskCriteria {
  view?: TaskView;
  bpmnProcessId?: string;
  dueBefore?: string;
  dueAfter?: string;
  priority?: number;
  caseNumber?: string;
}

export interface TaskFilter {
  id: string;
  name: string;
  query: TaskCriteria;
  owner: string;
  sharedWithUnit: boolean;
}

export const taskPath = (criteria: TaskCriteria, limit: number) =>
  `/tasks${query({ ...criteria, limit })}`;

export const claim = (task: Pick<Task, 'id'>) => api('POST', `/tasks/${task.id}/claim`);
export const unclaim = (task: Pick<Task, 'id'>) => api('POST', `/tasks/${task.id}/unclaim`);

/** Case numbers open a case file; intake referrals (SEG-…) have none yet. */
export function isCaseNumber(value: string | null): value is string {
  return !!value && value.startsWith('SSC-');
}

/** The priority header (0–100) in a caseworker's words. */
export function urgencyOf(priority: number): { label: string; color: string } {
  if (priority >= 75) return { label: 'Urgente', color: 'danger' };
  if (priority > 50) return { label: 'Alta', color: 'warning' };
  return { label: 'Ordinaria', color: 'secondary' };
}
