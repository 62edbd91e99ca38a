import { ForbiddenException } from '@nestjs/common';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { Task, TaskState } from './entities/task.entity';
import { canSee, isCandidate, taskScopeOf } from './task-access';

const principal = (role: Role, unitCode: string | null, username = 'anna'): Principal => ({
  accountId: '00000000-0000-0000-0000-000000000001',
  username,
  role,
  unitCode,
  sessionId: '00000000-0000-0000-0000-0000000000aa',
});

const task = (fields: Partial<Task>): Task =>
  ({
    unitCode: 'III',
    assignee: null,
    completedBy: null,
    candidateGroups: [],
    candidateUsers: [],
    state: TaskState.Created,
    ...fields,
  }) as Task;

describe('task access', () => {
  it('gives caseworkers and coordinators their unit and candidate groups; refuses everyone else', () => {
    expect(taskScopeOf(principal(Role.Caseworker, 'III'))).toEqual({
      username: 'anna',
      role: Role.Caseworker,
      unitCode: 'III',
      groups: ['caseworker', 'caseworker-III'],
    });
    expect(taskScopeOf(principal(Role.Coordinator, 'V')).groups).toEqual([
      'coordinator',
      'coordinator-V',
    ]);
    for (const [role, unit] of [
      [Role.FrontOffice, 'III'],
      [Role.Manager, null],
      [Role.Admin, null],
      [Role.Caseworker, null],
    ] as const) {
      expect(() => taskScopeOf(principal(role, unit))).toThrow(ForbiddenException);
    }
  });

  it('candidates: a group of the role (with or without the unit) or the username', () => {
    const scope = taskScopeOf(principal(Role.Caseworker, 'III'));
    expect(isCandidate(scope, task({ candidateGroups: ['caseworker'] }))).toBe(true);
    expect(isCandidate(scope, task({ candidateGroups: ['caseworker-III'] }))).toBe(true);
    expect(isCandidate(scope, task({ candidateUsers: ['anna'] }))).toBe(true);
    expect(isCandidate(scope, task({ candidateGroups: ['caseworker-V'] }))).toBe(false);
    expect(isCandidate(scope, task({ candidateGroups: ['coordinator'] }))).toBe(false);
    expect(isCandidate(scope, task({}))).toBe(false);
  });

  it('sight: never another unit; the whole unit for a coordinator; own or candidate tasks for a caseworker', () => {
    const caseworker = taskScopeOf(principal(Role.Caseworker, 'III'));
    const coordinator = taskScopeOf(principal(Role.Coordinator, 'III', 'carlo'));
    const elsewhere = task({ unitCode: 'V', assignee: 'anna', candidateGroups: ['caseworker'] });
    expect(canSee(caseworker, elsewhere)).toBe(false);
    expect(canSee(coordinator, elsewhere)).toBe(false);
    expect(canSee(coordinator, task({ unitCode: null }))).toBe(false);
    expect(canSee(coordinator, task({ assignee: 'luca' }))).toBe(true);
    expect(canSee(caseworker, task({ assignee: 'luca' }))).toBe(false);
    expect(canSee(caseworker, task({ assignee: 'anna' }))).toBe(true);
    expect(canSee(caseworker, task({ completedBy: 'anna', state: TaskState.Completed }))).toBe(
      true,
    );
    expect(canSee(caseworker, task({ candidateGroups: ['caseworker'], assignee: 'luca' }))).toBe(
      true,
    );
  });
});
