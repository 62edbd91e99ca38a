import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { ENGINE_CLOCK } from '../engine/engine.module';
import { NotificationKind } from '../notifications/notification-kind';
import { NotificationsService } from '../notifications/notifications.service';
import {
  EngineConflictError,
  EngineNotFoundError,
  ProcessEngine,
  Variables,
} from '../engine/engine.port';
import { AssignTaskDto, CompleteTaskDto } from './dto/task-action.dto';
import { TaskCountsDto, TaskDto, TaskPageDto, toTaskDto } from './dto/task.dto';
import { TaskQueryDto } from './dto/task-query.dto';
import { TaskEngineLink } from './engine-link/task-engine-link';
import { Task, TaskState } from './entities/task.entity';
import { FormSchema, FormProblem, validateFormData } from './forms';
import { canSee, isCandidate, TASK_ROLES, TaskScope, taskScopeOf } from './task-access';
import {
  ACCESS_SHEET_FORM,
  accessSheetPrefill,
  URGENT_TRIAGE_FORM,
  urgentTriagePrefill,
} from './intake-prefill';
import { TaskForms } from './task-forms';
import { taskMessages as m } from './task-messages';
import { RESERVATION_TIMEOUT_MS, TaskReconciler } from './task-reconciler';
import { TasksRepository } from './tasks.repository';

/** How long a second completion waits for the first one's outcome before answering. */
const OUTCOME_WAIT_MS = 10_000;
const OUTCOME_POLL_MS = 20;
/** Guarded updates lost to concurrent changes before giving up with 409. */
const MAX_ATTEMPTS = 5;

type Clock = () => Date;

/**
 * The tasklist: views, claim, unclaim, assign, form and complete. Every
 * method starts from the caller's scope (403 for roles without case work);
 * a task outside the caller's sight is 404, never 403, so ids cannot be
 * probed across units.
 */
@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    private readonly tasks: TasksRepository,
    private readonly engine: ProcessEngine,
    private readonly link: TaskEngineLink,
    private readonly forms: TaskForms,
    private readonly reconciler: TaskReconciler,
    private readonly audit: AuditService,
    @Inject(ENGINE_CLOCK) private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Brings these task rows in line with the engine now: a boundary event or a cancellation may
   * have ended a task whose row the background reconciler has not reached yet.
   */
  async refresh(jobKeys: readonly string[]): Promise<void> {
    if (jobKeys.length > 0) await this.reconciler.reconcile(await this.tasks.openAmong(jobKeys));
  }

  private async tellAssignee(accountId: string, task: Task): Promise<void> {
    await this.notifications.notify([accountId], {
      kind: NotificationKind.TaskAssigned,
      subject: `Attività assegnata: ${task.name}${task.caseNumber ? ` (${task.caseNumber})` : ''}`,
      body: `Il coordinatore le ha assegnato l’attività «${task.name}»${task.caseNumber ? ` della cartella ${task.caseNumber}` : ''}.`,
      link: `/attivita/${task.jobKey}`,
      caseNumber: task.caseNumber ?? undefined,
    });
  }

  /** A view's page; the persons it names are logged as a search. */
  async list(actor: Actor, query: TaskQueryDto): Promise<TaskPageDto> {
    const scope = taskScopeOf(actor);
    const view = query.view ?? 'mine';
    if (view === 'unit' && scope.role !== Role.Coordinator) {
      throw new ForbiddenException(m.unitViewForbidden);
    }
    const { rows, total, totalExact } = await this.tasks.list({
      view,
      unitCode: scope.unitCode,
      username: scope.username,
      groups: scope.groups,
      wholeUnit: scope.role === Role.Coordinator,
      bpmnProcessId: query.bpmnProcessId,
      dueBefore: query.dueBefore !== undefined ? new Date(query.dueBefore) : undefined,
      dueAfter: query.dueAfter !== undefined ? new Date(query.dueAfter) : undefined,
      priority: query.priority,
      caseNumber: query.caseNumber,
      assigned: query.assigned,
      limit: query.limit,
      offset: query.offset,
    });
    const { items, personIds } = await this.presentWithSubjects(rows);
    if (personIds.length > 0)
      await this.audit.record(actor, {
        action: 'search',
        entity: 'task',
        personIds,
        reason: 'Elenco delle attività',
      });
    return {
      items,
      total,
      totalExact,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** The numbers on the tasklist's tabs: the views' own queries, counted. */
  async counts(principal: Principal): Promise<TaskCountsDto> {
    const scope = taskScopeOf(principal);
    const coordinator = scope.role === Role.Coordinator;
    const of = (view: TaskQueryDto['view'] & string, dueBefore?: Date) =>
      this.tasks.count({
        view,
        unitCode: scope.unitCode,
        username: scope.username,
        groups: scope.groups,
        wholeUnit: coordinator,
        dueBefore,
      });
    const [mine, unitUnassigned, unit, completed, overdueMine] = await Promise.all([
      of('mine'),
      of('unit-unassigned'),
      coordinator ? of('unit') : Promise.resolve(null),
      of('completed'),
      of('mine', this.clock()),
    ]);
    return { mine, unitUnassigned, unit, completed, overdueMine };
  }

  async get(actor: Actor, id: string): Promise<TaskDto> {
    const scope = taskScopeOf(actor);
    const task = await this.visible(scope, id);
    const {
      items: [dto],
      personIds,
    } = await this.presentWithSubjects([task]);
    if (personIds.length > 0)
      await this.audit.record(actor, {
        action: 'read',
        entity: 'task',
        entityId: null,
        personIds,
        reason: `Attività ${id}`,
      });
    return dto;
  }

  /** Tasks as the API shows them: with the case and the person they concern. */
  private async present(tasks: readonly Task[]): Promise<TaskDto[]> {
    return (await this.presentWithSubjects(tasks)).items;
  }

  /** As present, with the persons named, for the access log. */
  private async presentWithSubjects(
    tasks: readonly Task[],
  ): Promise<{ items: TaskDto[]; personIds: string[] }> {
    const numbers = [...new Set(tasks.map((t) => t.caseNumber))].filter((n): n is string => !!n);
    const usernames = tasks.flatMap((t) => [t.assignee, t.completedBy]);
    const [subjects, names] = await Promise.all([
      this.tasks.subjectsOf(numbers),
      this.tasks.displayNames(usernames.filter((u): u is string => !!u)),
    ]);
    const items = tasks.map((task) => toTaskDto(task, subjects.get(task.caseNumber ?? ''), names));
    const personIds = [...new Set([...subjects.values()].map((s) => s.personId))];
    return { items, personIds: personIds.filter((id): id is string => !!id) };
  }

  /** The form-js schema to show. */
  async form(principal: Principal, id: string): Promise<FormSchema> {
    const scope = taskScopeOf(principal);
    const task = await this.visible(scope, id);
    if (!task.formKey) throw new NotFoundException(m.noForm);
    const form = await this.forms.ofTask(task);
    if (!form) throw new NotFoundException(m.formMissing(task.formKey));
    return form.schema;
  }

  /**
   * The path's data the form opens with (form-js's initial data), open tasks only: a read of the
   * case, so it is logged. The intake's access sheet also opens with what the sportello
   * registered (intake-prefill.ts). Read by whoever holds the task, while nobody does by its
   * candidates, and by whoever may open the case file; not by a colleague who only sees it.
   */
  async variables(actor: Actor, id: string): Promise<Variables> {
    const scope = taskScopeOf(actor);
    const task = await this.visible(scope, id);
    if (task.state !== TaskState.Created) throw new ConflictException(m.taskClosed);
    if (!(await this.readsData(scope, actor, task))) throw new ForbiddenException(m.dataForbidden);
    const variables = await this.link.variablesOf(task.processInstanceKey, task.elementInstanceKey);
    const found = await this.tasks.caseOf(task.caseNumber);
    const prefilled = task.formKey === ACCESS_SHEET_FORM || task.formKey === URGENT_TRIAGE_FORM;
    const referral = prefilled ? await this.tasks.referral(task.caseNumber) : null;
    const personIds = [found?.personId, referral?.personId].filter((p): p is string => !!p);
    await this.audit.record(actor, {
      action: 'read',
      entity: 'case',
      entityId: found?.id ?? null,
      caseId: found?.id ?? null,
      personIds: [...new Set(personIds)],
      reason: `Dati dell'attività ${id}`,
    });
    if (!referral) return variables;
    // The sheet's own fields win: the intake starts with `channel` in the referral's vocabulary.
    if (task.formKey === ACCESS_SHEET_FORM)
      return { ...variables, ...accessSheetPrefill(referral) };
    return { ...urgentTriagePrefill(referral), ...withoutNulls(variables) };
  }

  private async readsData(scope: TaskScope, actor: Actor, task: Task): Promise<boolean> {
    if (scope.role === Role.Coordinator || task.assignee === scope.username) return true;
    if (!task.assignee && isCandidate(scope, task)) return true;
    return this.tasks.readsCase(actor, task.caseNumber);
  }

  async claim(principal: Principal, id: string): Promise<TaskDto> {
    const scope = taskScopeOf(principal);
    let task = await this.visible(scope, id);
    for (let attempt = 0; ; attempt++) {
      task = await this.settleReservation(task);
      await this.requireOpen(task);
      if (task.assignee === scope.username) return (await this.present([task]))[0];
      if (task.assignee) throw new ConflictException(m.alreadyClaimed(task.assignee));
      if (!isCandidate(scope, task)) throw new ForbiddenException(m.notCandidate);
      if (await this.tasks.claim(id, scope.username))
        return (await this.present([await this.reread(task)]))[0];
      if (attempt === MAX_ATTEMPTS) throw new ConflictException(m.changedMeanwhile);
      task = await this.reread(task);
    }
  }

  async unclaim(principal: Principal, id: string): Promise<TaskDto> {
    const scope = taskScopeOf(principal);
    let task = await this.visible(scope, id);
    for (let attempt = 0; ; attempt++) {
      task = await this.settleReservation(task);
      await this.requireOpen(task);
      if (!task.assignee) throw new ConflictException(m.notAssigned);
      if (task.assignee !== scope.username && scope.role !== Role.Coordinator) {
        throw new ForbiddenException(m.unclaimForbidden);
      }
      if (await this.tasks.reassign(id, task.version, null))
        return (await this.present([await this.reread(task)]))[0];
      if (attempt === MAX_ATTEMPTS) throw new ConflictException(m.changedMeanwhile);
      task = await this.reread(task);
    }
  }

  async assign(principal: Principal, id: string, dto: AssignTaskDto): Promise<TaskDto> {
    const scope = taskScopeOf(principal);
    if (scope.role !== Role.Coordinator) throw new ForbiddenException(m.assignForbidden);
    let task = await this.visible(scope, id);
    const account = await this.tasks.activeAccount(dto.username, scope.unitCode, TASK_ROLES);
    if (!account) {
      const message = m.invalidAssignee(dto.username, scope.unitCode);
      throw new BadRequestException({
        message,
        details: [{ field: 'username', messages: [message] }],
      });
    }
    for (let attempt = 0; ; attempt++) {
      task = await this.settleReservation(task);
      await this.requireOpen(task);
      if (task.assignee === account.username) return (await this.present([task]))[0];
      if (await this.tasks.reassign(id, task.version, account.username)) {
        const assigned = await this.reread(task);
        if (account.username !== scope.username) await this.tellAssignee(account.id, assigned);
        return (await this.present([assigned]))[0];
      }
      if (attempt === MAX_ATTEMPTS) throw new ConflictException(m.changedMeanwhile);
      task = await this.reread(task);
    }
  }

  /**
   * Completes the task with the form's answers. Exactly one of concurrent
   * completions wins: each must first move the row from "open, version v" to
   * "being completed by me, version v+1" (a guarded update); the others wait
   * for the winner's outcome and answer 409 naming who completed it.
   *
   * Crash safety — the engine job is completed before the row, because the
   * engine is the truth about the path: the row only mirrors it.
   * - A crash after the reservation, before the engine completed the job:
   *   the job is still open; the reservation is abandoned after
   *   RESERVATION_TIMEOUT_MS and released (by the reconciler, or by the next
   *   attempt), and the task can be completed again.
   * - A crash after the engine completed the job, before the row was updated:
   *   the reservation says who completed it; the reconciler (at every start
   *   and in the background), or the next attempt, finds the job completed
   *   and marks the row COMPLETED by the reservation's holder.
   * Either way nothing is completed twice (the engine refuses a closed job)
   * and no completion is lost.
   */
  async complete(principal: Principal, id: string, dto: CompleteTaskDto): Promise<void> {
    const scope = taskScopeOf(principal);
    let task = await this.settleReservation(await this.visible(scope, id));
    await this.requireCompletableBy(scope, task);
    const variables = await this.checkedAnswers(task, dto.variables ?? {});

    let reserved: number | null = null;
    for (let attempt = 0; reserved === null; attempt++) {
      reserved = await this.tasks.reserveCompletion(id, task.version, scope.username, this.clock());
      if (reserved !== null) break;
      if (attempt === MAX_ATTEMPTS) throw new ConflictException(m.changedMeanwhile);
      task = await this.settleReservation(await this.reread(task));
      await this.requireCompletableBy(scope, task);
    }

    try {
      await this.engine.completeJob(id, variables);
    } catch (error) {
      throw await this.refused(task, reserved, error);
    }
    const now = this.clock();
    if (!(await this.tasks.markCompleted(id, reserved, scope.username, now))) {
      // The reservation was taken for abandoned while the engine was slow: the engine's word stands.
      this.logger.warn(`task ${id}: completed by ${scope.username} after its reservation lapsed`);
      await this.tasks.markCompleted(id, null, scope.username, now);
    }
  }

  // ------------------------------------------------------------ helpers

  /** The task if this person may see it; 404 otherwise, whatever the reason. */
  async visible(scope: TaskScope, id: string): Promise<Task> {
    const task = await this.tasks.find(id);
    if (!task || !canSee(scope, task)) throw new NotFoundException(m.notFound);
    return task;
  }

  private async reread(task: Task): Promise<Task> {
    const current = await this.tasks.find(task.jobKey);
    if (!current) throw new NotFoundException(m.notFound);
    return current;
  }

  /** 409 unless the task is open. */
  private async requireOpen(task: Task): Promise<void> {
    if (task.state === TaskState.Completed) {
      throw new ConflictException(m.completed(task.completedBy, task.completedAt));
    }
    if (task.state === TaskState.Canceled) {
      const status = (await this.link.statusOf([task.jobKey])).get(task.jobKey);
      const instanceEnded = status?.state !== 'CANCELED' || status.instanceEnded;
      throw new ConflictException(instanceEnded ? m.instanceCanceled : m.elementTerminated);
    }
  }

  /** 409 unless the task is open and this person holds it. */
  private async requireCompletableBy(scope: TaskScope, task: Task): Promise<void> {
    await this.requireOpen(task);
    if (task.assignee === scope.username) return;
    throw new ConflictException(
      task.assignee ? m.assignedToOther(task.assignee) : m.notAssignedToYou,
    );
  }

  /**
   * Waits while someone else's completion is under way, then answers with
   * the row as it ended up. An abandoned reservation is repaired first.
   */
  private async settleReservation(task: Task): Promise<Task> {
    const waitUntil = Date.now() + OUTCOME_WAIT_MS;
    let current = task;
    while (current.state === TaskState.Created && current.completingBy && current.completingAt) {
      if (Date.now() > waitUntil)
        throw new ConflictException(m.beingCompleted(current.completingBy));
      const age = this.clock().getTime() - current.completingAt.getTime();
      if (age > RESERVATION_TIMEOUT_MS) await this.reconciler.reconcile([current]);
      else await sleep(OUTCOME_POLL_MS);
      current = await this.reread(current);
    }
    return current;
  }

  /** The answers to complete with: checked against the task's form; 400 with every problem. */
  private async checkedAnswers(task: Task, data: Record<string, unknown>): Promise<Variables> {
    if (!task.formKey) {
      const fields = Object.keys(data);
      if (fields.length === 0) return {};
      throw new BadRequestException({
        message: m.noFormData,
        details: fields.map((field) => ({ field, messages: ['campo non previsto'] })),
      });
    }
    const form = await this.forms.ofTask(task);
    if (!form) throw new ConflictException(m.formMissing(task.formKey));
    if (form.problems.length > 0) throw new ConflictException(m.formUnchecked(task.formKey));
    const result = validateFormData(form.schema, data, {
      variables: await this.link.variablesOf(task.processInstanceKey, task.elementInstanceKey),
      now: this.clock(),
    });
    if (!result.ok) {
      throw new BadRequestException({
        message: m.invalidFormData,
        details: byField(result.problems),
      });
    }
    return result.value as Variables;
  }

  /**
   * The engine did not complete the job: the reservation is given back and
   * the row brought in line with the job, and the caller learns why.
   */
  private async refused(task: Task, reserved: number, error: unknown): Promise<unknown> {
    await this.tasks.releaseCompletion(task.jobKey, reserved).catch((releaseError: unknown) => {
      this.logger.error(
        `task ${task.jobKey}: releasing the reservation failed: ${messageOf(releaseError)}`,
      );
    });
    if (error instanceof EngineConflictError) {
      this.logger.warn(`task ${task.jobKey}: the engine refused the completion: ${error.message}`);
      return new ConflictException(m.engineRefused);
    }
    // Anything else is a failure (500): the job is still open, the task can be completed again.
    if (!(error instanceof EngineNotFoundError)) return error;
    // Closed in the engine: cancelled (boundary event, instance), in an incident, or completed elsewhere.
    await this.reconciler.reconcile([await this.reread(task)]);
    const after = await this.reread(task);
    try {
      await this.requireOpen(after);
    } catch (conflict) {
      return conflict;
    }
    return new ConflictException(m.incident);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One entry per field, its messages together (the shape of every 400 of the API). */
function byField(
  problems: readonly FormProblem[],
): Array<{ field: string; messages: string[]; codes: string[] }> {
  const fields = new Map<string, { field: string; messages: string[]; codes: string[] }>();
  for (const problem of problems) {
    const entry = fields.get(problem.field) ?? { field: problem.field, messages: [], codes: [] };
    entry.messages.push(problem.message);
    entry.codes.push(problem.code);
    fields.set(problem.field, entry);
  }
  return [...fields.values()];
}

/** A variable the path holds as null (FEEL's "not given") does not hide a prefilled value. */
function withoutNulls(variables: Variables): Variables {
  return Object.fromEntries(Object.entries(variables).filter(([, value]) => value !== null));
}
