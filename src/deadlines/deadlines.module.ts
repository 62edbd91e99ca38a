import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TasksModule } from '../tasks/tasks.module';
import { DeadlineEscalation } from './deadline-escalation';
import { DeadlineListController } from './deadline-list.controller';
import { DeadlineListService } from './deadline-list.service';
import { DeadlineWorkers } from './deadline.workers';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesService } from './deadlines.service';
import { CaseDeadline } from './entities/case-deadline.entity';
import { DeadlineExtension } from './entities/deadline-extension.entity';
import { TaskDueDates } from './task-due-dates';

/**
 * Running legal deadlines of cases: started and closed by the paths' service tasks
 * (`percorsi:start-deadline`, `percorsi:close-deadline`), extended over HTTP (message
 * `deadline-extended`), reminded and escalated by a background loop, listed across cases.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CaseDeadline, DeadlineExtension]),
    CasesModule,
    NotificationsModule,
    TasksModule,
  ],
  controllers: [DeadlinesController, DeadlineListController],
  providers: [
    DeadlinesService,
    DeadlineListService,
    DeadlineWorkers,
    DeadlineEscalation,
    TaskDueDates,
  ],
  exports: [DeadlinesService],
})
export class DeadlinesModule {}
