import { Module } from '@nestjs/common';
import { CaseAccess } from '../cases/case-access';
import { ModelsModule } from '../models/models.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TaskEngineLink } from './engine-link/task-engine-link';
import { TaskFiltersController } from './task-filters.controller';
import { TaskFiltersRepository } from './task-filters.repository';
import { TaskFiltersService } from './task-filters.service';
import { TaskDraftsService } from './task-drafts.service';
import { TaskForms } from './task-forms';
import { TaskReconciler } from './task-reconciler';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';
import { UserTaskPoller } from './user-task-poller';

/**
 * The tasklist: user task jobs become task rows (UserTaskPoller), stay true
 * to the engine (TaskReconciler), and are seen, claimed, assigned and
 * completed through TasksService. The ProcessEngine comes from the global
 * EngineModule; this module is not global, so its pollers stop before the
 * engine does.
 */
@Module({
  imports: [NotificationsModule, ModelsModule],
  controllers: [TasksController, TaskFiltersController],
  providers: [
    TaskEngineLink,
    // Stateless: the case file's reading rule, which task data follows.
    CaseAccess,
    TasksRepository,
    TaskFiltersRepository,
    TaskForms,
    UserTaskPoller,
    TaskReconciler,
    TasksService,
    TaskDraftsService,
    TaskFiltersService,
  ],
  exports: [TasksService],
})
export class TasksModule {}
