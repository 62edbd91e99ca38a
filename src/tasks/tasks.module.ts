import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseAccess } from '../cases/case-access';
import { EmbeddedEngine } from '../engine/embedded/embedded-engine';
import { ProcessEngine } from '../engine/engine.port';
import { ModelsModule } from '../models/models.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { EmbeddedTaskEngineLink } from './engine-link/embedded-task-engine-link';
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
    {
      provide: TaskEngineLink,
      inject: [ProcessEngine, DataSource],
      useFactory: (engine: ProcessEngine, dataSource: DataSource): TaskEngineLink => {
        if (engine instanceof EmbeddedEngine) return new EmbeddedTaskEngineLink(engine, dataSource);
        throw new Error('the tasklist has no link to this process engine yet (embedded only)');
      },
    },
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
