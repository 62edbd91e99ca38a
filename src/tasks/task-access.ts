import { ForbiddenException } from '@nestjs/common';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { Task } from './entities/task.entity';

/** The roles that do case work in the tasklist; everyone else is refused (403). */
export type TaskRole = Role.Caseworker | Role.Coordinator;
export const TASK_ROLES: readonly TaskRole[] = [Role.Caseworker, Role.Coordinator];

/** Who acts on tasks, and where: always one unit. */
export interface TaskScope {
  username: string;
  role: TaskRole;
  unitCode: string;
  /** The candidate groups this person belongs to (see candidateGroupsOf). */
  groups: string[];
}

/**
 * The candidate-group convention. A user task names who may claim it with
 * `zeebe:assignmentDefinition candidateGroups`, using role names:
 *
 * - `caseworker` / `coordinator`: the caseworkers (coordinators) of the task's
 *   own unit — the unit of the case number. Shared models use this form.
 * - `caseworker-III` / `coordinator-III`: the same, spelt with the unit; a
 *   group naming another unit matches nobody, since a task is only ever seen
 *   in the unit of its case.
 *
 * `candidateUsers` names usernames, who must still belong to the task's unit.
 */
export function candidateGroupsOf(role: TaskRole, unitCode: string): string[] {
  return [role, `${role}-${unitCode}`];
}

export const TASKS_FORBIDDEN =
  'Le attività sono riservate ad assistenti sociali e coordinatori di unità.';

/** The first line of every tasks service method: who may act, and in which unit. */
export function taskScopeOf(principal: Principal): TaskScope {
  const role = principal.role;
  if ((role !== Role.Caseworker && role !== Role.Coordinator) || !principal.unitCode) {
    throw new ForbiddenException(TASKS_FORBIDDEN);
  }
  return {
    username: principal.username,
    role,
    unitCode: principal.unitCode,
    groups: candidateGroupsOf(role, principal.unitCode),
  };
}

export function isCandidate(scope: TaskScope, task: Task): boolean {
  return (
    task.candidateGroups.some((group) => scope.groups.includes(group)) ||
    task.candidateUsers.includes(scope.username)
  );
}

/**
 * Whether the task exists for this person at all (otherwise: 404, so ids
 * cannot be probed). A coordinator sees every task of the unit; a caseworker
 * those assigned to or completed by them, and those they are a candidate for.
 */
export function canSee(scope: TaskScope, task: Task): boolean {
  if (task.unitCode !== scope.unitCode) return false;
  if (scope.role === Role.Coordinator) return true;
  return (
    task.assignee === scope.username ||
    task.completedBy === scope.username ||
    isCandidate(scope, task)
  );
}
