import { api, ApiError } from '../../api/client';
import { Task } from './tasks';

/** A task as GET /api/tasks/:id gives it, with the people named. */
export interface TaskDetail extends Task {
  assigneeName: string | null;
  completedByName: string | null;
  canceledAt: string | null;
}

/** A draft of the form's answers kept by the server for the caller (GET /api/tasks/:id/draft). */
export interface TaskDraft {
  data: Record<string, unknown>;
  savedAt: string;
}

export const getTask = (id: string) => api<TaskDetail>('GET', `/tasks/${id}`);

export const claimTask = (id: string) => api<TaskDetail>('POST', `/tasks/${id}/claim`);
export const releaseTask = (id: string) => api<TaskDetail>('POST', `/tasks/${id}/unclaim`);

export const completeTask = (id: string, variables: Record<string, unknown>) =>
  api<void>('POST', `/tasks/${id}/complete`, { variables });

/** The caller's draft, or null when there is none (404) or they may not keep one (403). */
export async function getDraft(id: string): Promise<TaskDraft | null> {
  try {
    return await api<TaskDraft>('GET', `/tasks/${id}/draft`);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
    throw error;
  }
}

export const saveDraft = (id: string, data: Record<string, unknown>) =>
  api<{ savedAt: string }>('PUT', `/tasks/${id}/draft`, { data });

export const discardDraft = (id: string) => api<void>('DELETE', `/tasks/${id}/draft`);

/** Who holds the task, in words. */
export function holderOf(task: TaskDetail, username: string): string {
  if (!task.assignee) return 'Nessuno: da prendere in carico';
  if (task.assignee === username) return `${task.assigneeName ?? task.assignee} (lei)`;
  return task.assigneeName ?? task.assignee;
}

/** "10:32" in Rome's time. */
export function timeOfDay(value: string): string {
  return new Date(value).toLocaleTimeString('it-IT', {
    timeZone: 'Europe/Rome',
    hour: '2-digit',
    minute: '2-digit',
  });
}
