import { api } from '../../api/client';
import { count } from '../../ui/format';

/** Someone a task or a case of the unit can be given to (GET /api/units/:code/staff). */
export interface StaffMember {
  accountId: string;
  /** What POST /api/tasks/:id/assign takes; never shown where the name is known. */
  username: string;
  displayName: string;
  role: 'caseworker' | 'coordinator';
}

/** A member of the unit with what they carry (the board's `staff`). */
export interface StaffLoad extends StaffMember {
  openCases: number;
  openTasks: number;
  overdueTasks: number;
  tasksDueThisWeek: number;
  deadlinesAtRisk: number;
}

/** GET /api/units/:code/board, the unit's coordinators only. */
export interface UnitBoard {
  unitCode: string;
  unitName: string;
  unassignedTasks: number;
  overdueTasks: number;
  casesWithoutManager: number;
  deadlinesAtRisk: number;
  staff: StaffLoad[];
}

export const boardPath = (unitCode: string) => `/units/${unitCode}/board`;
export const staffPath = (unitCode: string) => `/units/${unitCode}/staff`;

export const STAFF_ROLES: Record<StaffMember['role'], string> = {
  caseworker: 'assistente sociale',
  coordinator: 'coordinatore di unità',
};

/** "2 cartelle · 3 attività aperte (1 scaduta, 2 in scadenza questa settimana) · 1 scadenza a rischio". */
export function loadSummary(member: StaffLoad): string {
  const details = [
    member.overdueTasks > 0 ? count(member.overdueTasks, 'scaduta', 'scadute') : null,
    member.tasksDueThisWeek > 0 ? `${member.tasksDueThisWeek} in scadenza questa settimana` : null,
  ].filter(Boolean);
  return [
    count(member.openCases, 'cartella', 'cartelle'),
    `${count(member.openTasks, 'attività aperta', 'attività aperte')}${details.length ? ` (${details.join(', ')})` : ''}`,
    count(member.deadlinesAtRisk, 'scadenza a rischio', 'scadenze a rischio'),
  ].join(' · ');
}

/** The display name of a username, when the unit's staff is known (a task's holder). */
export function nameOf(username: string | null, staff: StaffMember[] | undefined): string | null {
  if (!username) return null;
  return staff?.find((member) => member.username === username)?.displayName ?? username;
}

export const assignTask = (taskId: string, username: string) =>
  api('POST', `/tasks/${taskId}/assign`, { username });

export const assignCaseManager = (caseId: string, accountId: string, reason: string) =>
  api('POST', `/cases/${caseId}/case-manager`, {
    accountId,
    reason: reason.trim() || undefined,
  });
