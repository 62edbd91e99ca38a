import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { ENGINE_CLOCK } from '../engine/engine.module';
import { SavedDraftDto, TaskDraftDto } from './dto/task-draft.dto';
import { Task, TaskState } from './entities/task.entity';
import { isCandidate, taskScopeOf, TaskScope } from './task-access';
import { taskMessages as m } from './task-messages';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

/** A draft's answers as JSON, at most. */
export const MAX_DRAFT_BYTES = 256 * 1024;

/**
 * A task form's answers kept on the server while they are being written, per task and person
 * (the browser keeps nothing: these are special-category data on shared PCs). A draft survives
 * a claim, a sign-out and a new sign-in; it goes when the task is completed or ends.
 */
@Injectable()
export class TaskDraftsService {
  constructor(
    private readonly tasks: TasksService,
    private readonly repository: TasksRepository,
    private readonly audit: AuditService,
    @Inject(ENGINE_CLOCK) private readonly clock: () => Date,
  ) {}

  async get(actor: Actor, id: string): Promise<TaskDraftDto> {
    const task = await this.workable(actor, id);
    const draft = await this.repository.draft(id, actor.accountId);
    if (!draft) throw new NotFoundException(m.noDraft);
    await this.log(actor, task, 'read');
    return draft;
  }

  async save(actor: Actor, id: string, data: object): Promise<SavedDraftDto> {
    const task = await this.workable(actor, id);
    if (Buffer.byteLength(JSON.stringify(data)) > MAX_DRAFT_BYTES)
      throw new PayloadTooLargeException(m.draftTooLarge(MAX_DRAFT_BYTES / 1024));
    const savedAt = this.clock();
    if (!(await this.repository.saveDraft(id, actor.accountId, data, savedAt)))
      throw new ConflictException(m.taskClosed);
    await this.log(actor, task, 'update');
    return { savedAt };
  }

  async discard(actor: Actor, id: string): Promise<void> {
    await this.workable(actor, id);
    await this.repository.deleteDraft(id, actor.accountId);
  }

  /** The open task, if the caller is the one who fills its form: holder, candidate, coordinator. */
  private async workable(actor: Actor, id: string): Promise<Task> {
    const scope: TaskScope = taskScopeOf(actor);
    const task = await this.tasks.visible(scope, id);
    if (task.state !== TaskState.Created) throw new ConflictException(m.taskClosed);
    const mayFill =
      task.assignee === scope.username ||
      scope.role === Role.Coordinator ||
      (!task.assignee && isCandidate(scope, task));
    if (!mayFill) throw new ForbiddenException(m.draftForbidden);
    return task;
  }

  private async log(actor: Actor, task: Task, action: 'read' | 'update'): Promise<void> {
    const found = await this.repository.caseOf(task.caseNumber);
    await this.audit.record(actor, {
      action,
      entity: 'task',
      entityId: null,
      caseId: found?.id ?? null,
      personIds: found ? [found.personId] : [],
      reason: `Bozza del modulo dell'attività ${task.jobKey}`,
    });
  }
}
